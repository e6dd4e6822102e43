"""Shared builders of the alerting unit tests."""

import datetime as dt

from services.alerting.series import Observation, SeriesKey

DRONES = SeriesKey("RU", "drones")
START = dt.date(2025, 3, 1)


def night(i: int) -> dt.date:
    return START + dt.timedelta(days=i)


def at(i: int) -> dt.datetime:
    return dt.datetime.combine(night(i), dt.time(8), tzinfo=dt.UTC)


def obs(i: int, launched: float, series: SeriesKey = DRONES) -> Observation:
    return Observation(series, night(i), {"launched": launched, "intercepted": launched * 0.9})


