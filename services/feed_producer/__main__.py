import argparse
import sys

from services.feed_producer.main import add_arguments, run

parser = argparse.ArgumentParser(prog="python -m services.feed_producer")
add_arguments(parser)
sys.exit(run(parser.parse_args()))
