// Package batch runs many jobs from a manifest and keeps one result line
// per job, so a large study (a table per target, a sweep of settings) can
// run unattended, be restarted, and be split over the nodes of a cluster.
//
//   - manifest.go: the manifest (JSON lines, each a verb and its flags),
//     its jobs and shards (every n-th job, for a Slurm array);
//   - results.go: the results file (JSON lines, one per job), rewritten
//     atomically after every job, which a restart reads to skip the jobs
//     already done;
//   - run.go: the scheduler. Jobs come from a Source, run through a
//     RunFunc with their share of the threads, and their results go to a
//     Sink. The local Source is a list; another one (MPI ranks asking a
//     coordinator for work) plugs in without touching the rest.
//
// The package knows nothing of the verbs: cmd/ansatz turns a Job into a
// command line and a finished command into a Result.
package batch
