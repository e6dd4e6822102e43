"""`python -m services.aggregation`: run the aggregation worker."""
from services.aggregation.app import main

main()
