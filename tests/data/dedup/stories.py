"""Hand-written base stories for the dedup labelled set (written for this project).

Each story has a wire version and an independent retelling by another outlet: same facts and
figures, different words. build_set.py derives republications and edits from the wire versions.
"""

STORIES: list[dict[str, object]] = [
    {
        "key": "odesa-port",
        "date": "2025-10-03",
        "wire_title": "Drones hit Odesa port overnight, two workers injured",
        "wire": [
            "Russian forces attacked the port of Odesa overnight with 46 attack drones, injuring two dock workers and setting fire to a grain warehouse, regional officials said on Friday.",
            "Governor Oleh Kiper said air defence units shot down 38 of the drones over the Odesa region, while the rest struck port infrastructure on the southern bank.",
            "Firefighters needed almost four hours to put out the blaze, which destroyed about 1,200 tonnes of stored wheat.",
            "The two injured men were taken to hospital with shrapnel wounds and are in stable condition, Kiper added.",
            "Ukraine's navy said shipping through the Black Sea corridor was not interrupted and that three vessels left the port in the morning.",
            "The port has been targeted repeatedly since Moscow withdrew from a United Nations brokered grain deal.",
            "Kyiv has asked its partners for additional air defence systems to protect the coastal region before winter.",
        ],
        "other_title": "Odesa: 1,200 tonnes of wheat burn after night drone raid",
        "other": [
            "A night-long Shahed raid on Odesa left a grain store in flames and two port employees wounded, according to Oleh Kiper, who heads the regional military administration.",
            "Of 46 drones launched at the region, 38 were destroyed by Ukrainian gunners and mobile fire groups, he wrote on Telegram.",
            "Rescuers battled the fire until dawn; roughly 1,200 tonnes of wheat were lost.",
            "Both wounded workers suffered shrapnel injuries and doctors describe their condition as stable.",
            "Despite the strike, the navy reported three cargo ships sailing out through the Black Sea corridor on Friday morning.",
        ],
    },
    {
        "key": "kharkiv-glide",
        "date": "2025-10-05",
        "wire_title": "Glide bombs strike Kharkiv residential area, killing three",
        "wire": [
            "Three people were killed and 17 wounded when Russian glide bombs hit a residential district of Kharkiv on Sunday afternoon, the city's mayor said.",
            "Mayor Ihor Terekhov said two guided aerial bombs struck near a nine-storey apartment block in the Saltivskyi district, shattering windows in dozens of flats.",
            "Among the wounded are four children, one of them in serious condition, according to the regional prosecutor's office.",
            "Emergency crews searched the rubble of a collapsed shop for several hours.",
            "Kharkiv, Ukraine's second largest city, lies about 30 kilometres from the Russian border and is regularly hit by glide bombs launched from Russian airspace.",
            "Ukrainian officials have urged allies to allow strikes on the airfields from which the bombers take off.",
        ],
        "other_title": "Kharkiv mayor: 3 dead, 17 hurt as aerial bombs hit Saltivskyi",
        "other": [
            "Two guided bombs dropped by Russian aircraft landed beside a block of flats in Kharkiv's Saltivskyi district on Sunday, Ihor Terekhov reported.",
            "The attack killed three residents and injured 17 more, including four children, prosecutors said, adding that one child is in a grave condition.",
            "Rescuers pulled debris away from a destroyed grocery store for much of the evening.",
            "The city sits roughly 30 kilometres from the border and has endured near-daily bombardment.",
        ],
    },
    {
        "key": "energy-night",
        "date": "2025-10-10",
        "wire_title": "Massive missile and drone attack targets Ukraine's energy grid",
        "wire": [
            "Russia launched 465 drones and 32 missiles at Ukraine overnight in one of the largest attacks on the country's energy system this autumn, the air force said on Friday.",
            "Air defences destroyed 405 drones and 15 missiles, the air force said in a statement, adding that hits were recorded at 25 locations.",
            "Grid operator Ukrenergo introduced emergency power cuts in the Kyiv, Chernihiv and Poltava regions after several substations were damaged.",
            "Energy minister Svitlana Hrynchuk said repair crews were working to restore supply to about 350,000 households that lost electricity.",
            "In the capital, falling debris damaged a kindergarten and several cars, but no casualties were reported there.",
            "President Volodymyr Zelensky said the strike showed why Ukraine needed more Patriot systems and called on partners to speed up deliveries.",
            "Poland scrambled fighter jets as a precaution while the attack was under way, its operational command said.",
        ],
        "other_title": "Ukrenergo cuts power in three regions after 497-weapon barrage",
        "other": [
            "Overnight Russia fired 32 missiles of various types and 465 Shahed and decoy drones, Ukraine's air force reported, with energy facilities the main target.",
            "Ukrainian units intercepted 15 of the missiles and 405 of the drones; impacts were registered at 25 sites.",
            "Ukrenergo announced emergency outages for Kyiv, Chernihiv and Poltava regions as damaged substations were isolated.",
            "About 350,000 customers were left without power, minister Svitlana Hrynchuk told reporters, promising restoration within a day.",
            "Zelensky repeated his appeal for additional Patriot batteries.",
        ],
    },
    {
        "key": "zapo-school",
        "date": "2025-10-12",
        "wire_title": "Missile hits school building in Zaporizhzhia overnight",
        "wire": [
            "A Russian ballistic missile destroyed part of a school building in Zaporizhzhia overnight, regional governor Ivan Fedorov said on Sunday.",
            "No children were inside at the time, but a 61-year-old security guard was injured and taken to hospital.",
            "Fedorov said the missile was an Iskander-M launched from the occupied part of the region.",
            "The blast also damaged 14 private houses and a power line, leaving part of the district without electricity.",
            "Classes in the city have been held online or in underground shelters since the start of the full-scale invasion.",
            "Local authorities said the school would not reopen this year.",
        ],
        "other_title": "Zaporizhzhia school wrecked by Iskander; guard, 61, hurt",
        "other": [
            "Ivan Fedorov, head of the Zaporizhzhia regional administration, reported that an Iskander-M ballistic missile tore through a school overnight.",
            "The building was empty apart from its 61-year-old guard, who is now in hospital.",
            "Fourteen nearby homes were damaged and a power line was cut by the explosion.",
            "Pupils in Zaporizhzhia study online or in basement classrooms, and officials said the damaged school would stay closed for the rest of the year.",
        ],
    },
    {
        "key": "dnipro-bus",
        "date": "2025-10-14",
        "wire_title": "Drone strikes bus station in Dnipro, eight wounded",
        "wire": [
            "A Russian drone hit a bus station in central Dnipro on Tuesday morning, wounding eight people including a teenage girl, regional authorities said.",
            "Serhiy Lysak, head of the Dnipropetrovsk regional administration, said the drone struck during the morning rush as passengers waited for suburban buses.",
            "Three buses were burnt out and the station's waiting hall was badly damaged.",
            "Five of the wounded remain in hospital, two of them in serious condition.",
            "Air raid sirens had sounded in the city about 20 minutes before the impact.",
            "The region has come under increasing drone attack as Russian forces advance towards its eastern border.",
        ],
        "other_title": "Dnipro: rush-hour drone attack burns three buses",
        "other": [
            "Eight people, among them a teenage girl, were hurt when a Shahed crashed into Dnipro's central bus terminal during the Tuesday rush hour, Serhiy Lysak said.",
            "Fire destroyed three buses and wrecked the waiting hall.",
            "Doctors are treating five of the injured, and two are in a serious state.",
            "Residents said the siren had been on for around 20 minutes when the drone hit.",
        ],
    },
    {
        "key": "belgorod-claim",
        "date": "2025-10-15",
        "wire_title": "Russia says it downed 112 Ukrainian drones over western regions",
        "wire": [
            "Russia's defence ministry said on Wednesday its air defence systems had destroyed 112 Ukrainian drones overnight over eight regions.",
            "The ministry said 41 of the drones were shot down over the Belgorod region and 27 over the Bryansk region.",
            "Belgorod governor Vyacheslav Gladkov said one person was injured when debris fell on a car near the border.",
            "Flights at Moscow's Vnukovo and Domodedovo airports were briefly restricted, aviation authority Rosaviatsia said.",
            "Ukraine has stepped up long-range drone strikes on Russian oil refineries and military airfields in recent months.",
        ],
        "other_title": "Moscow airports restricted as 112 drones reported over Russia",
        "other": [
            "Russian air defences intercepted 112 drones during the night, most of them over Belgorod and Bryansk, the Russian defence ministry claimed.",
            "It counted 41 over Belgorod and 27 over Bryansk region.",
            "Rosaviatsia temporarily limited flights at Vnukovo and Domodedovo.",
            "In Belgorod, Vyacheslav Gladkov reported a driver hurt by falling fragments.",
        ],
    },
    {
        "key": "sumy-shelling",
        "date": "2025-10-18",
        "wire_title": "Shelling of Sumy border communities kills one, damages hospital",
        "wire": [
            "Russian artillery and mortar fire hit 11 communities along the border in the Sumy region over the past day, killing one man and damaging a district hospital, the regional administration said.",
            "In total 96 explosions were recorded, the administration said, most of them in the Krasnopillia and Velyka Pysarivka communities.",
            "The hospital in Velyka Pysarivka lost its roof and windows, and patients were moved to the basement.",
            "The man who was killed was a 54-year-old farmer working in his field.",
            "Authorities have ordered the evacuation of families with children from several villages near the border.",
        ],
        "other_title": "Farmer killed as 96 blasts shake Sumy frontier",
        "other": [
            "A 54-year-old farmer died in his field as Russian forces fired at 11 frontier communities of the Sumy region, officials reported.",
            "The regional military administration counted 96 explosions, concentrated around Krasnopillia and Velyka Pysarivka.",
            "In Velyka Pysarivka a hospital lost its roof; staff moved patients underground.",
            "Mandatory evacuation of children from border villages continues.",
        ],
    },
    {
        "key": "lviv-warehouse",
        "date": "2025-10-20",
        "wire_title": "Cruise missiles hit industrial site near Lviv",
        "wire": [
            "Russian cruise missiles struck an industrial facility on the outskirts of Lviv early on Monday, causing a large fire, Mayor Andriy Sadovyi said.",
            "Sadovyi said there were no casualties but urged residents of nearby streets to keep their windows closed because of heavy smoke.",
            "The air force said Russia launched 12 Kalibr missiles from ships in the Black Sea, 9 of which were intercepted.",
            "Western Ukraine, far from the front line, is hit less often than eastern regions but remains a target for long-range strikes.",
            "Poland's armed forces said they had raised the readiness of their aircraft during the attack.",
        ],
        "other_title": "Lviv: Kalibr strike sets factory ablaze, no injuries",
        "other": [
            "A factory outside Lviv was set on fire by Kalibr cruise missiles at dawn on Monday, said Andriy Sadovyi, the city's mayor.",
            "Nobody was hurt, he said, but people living nearby were told to keep windows shut against the smoke.",
            "According to the air force, 9 of the 12 sea-launched Kalibrs were shot down.",
            "Polish jets were put on alert during the raid.",
        ],
    },
]

# Nightly air force summaries: same phrasing every night, different figures and places.
# Different events: never duplicates of each other (the hard negatives of the set).
NIGHTLY_TEMPLATE = [
    "On the night of {day} October, Russia attacked Ukraine with {drones} Shahed-type attack drones and decoys launched from {launch}, the Ukrainian Air Force said.",
    "Air defence forces shot down or suppressed {down} drones over the north, south and east of the country.",
    "Hits by {hits} drones were recorded at {sites} locations, and debris fell in {debris} locations.",
    "The main target of the attack was {target}.",
    "Aviation, anti-aircraft missile units, electronic warfare units and mobile fire groups repelled the attack.",
    "The Air Force urged residents to follow air raid warnings and stay in shelters until the all-clear.",
]
NIGHTLY_FILL = [
    {"launch": "Kursk, Oryol and Primorsko-Akhtarsk", "target": "the energy infrastructure of the Poltava region"},
    {"launch": "Millerovo and Shatalovo", "target": "gas production facilities in the Kharkiv region"},
    {"launch": "Bryansk and Hvardiiske in Crimea", "target": "the port and railway of the Odesa region"},
    {"launch": "Kursk and Navlya", "target": "civilian infrastructure in the Sumy region"},
    {"launch": "Primorsko-Akhtarsk and Chauda", "target": "the city of Zaporizhzhia"},
    {"launch": "Oryol and Millerovo", "target": "the energy system of the Chernihiv region"},
]
