// Each tool run starts its own PostgreSQL and app and uses the whole machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
