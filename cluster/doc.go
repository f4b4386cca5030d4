// Package cluster runs ansatz as the ranks of an MPI job. Comm is what the
// ranks exchange through: the collectives a distributed search needs
// (symreg.Peers: byte messages, sums and minima, a ring shift) and tagged
// messages; World is how this process was started. With the build tag
// mpi, Start joins the MPI job the process was launched in (package
// internal/mpi); without it Start always says "alone". ServeQueue and
// QueueClient hand out the jobs of a batch to the ranks. Package
// cluster/inproc gives ranks inside one process, for tests.
//
// Nothing here knows what the messages mean: symreg encodes its members
// and settings itself.
package cluster
