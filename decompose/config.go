package decompose

// DefaultTol is the largest test statistic (RMS violation over the
// surrogate's expected RMS error) that still counts as a relation holding.
const DefaultTol = 4
