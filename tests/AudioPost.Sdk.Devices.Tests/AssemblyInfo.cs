// Real-time tests against real servers: one at a time, so they neither share a CPU with each other nor race when
// several jackd instances start at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
