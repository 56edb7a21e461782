"""The actor graph and its measures: layers and views, brokerage, snapshots as of a date."""
