// Package cluster runs ansatz as the ranks of an MPI job. Comm is what the
// ranks exchange through (collectives on byte messages, a ring shift,
// tagged messages); World is how this process was started. Local gives n
// in-process ranks joined by channels, so the distributed search is tested
// without MPI; with the build tag mpi, Start joins the MPI job the process
// was launched in (package internal/mpi), and without it Start always
// says "alone". Queue hands out the jobs of a batch to the ranks.
//
// Nothing here knows what the messages mean: symreg encodes its members
// and settings itself (symreg.Peers is the subset of Comm a search uses).
package cluster
