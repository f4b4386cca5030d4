//go:build !mpi

package cluster

// Start reports a process running alone: this build has no MPI support
// (build with -tags mpi for it).
func Start(onFailure func(error)) (*World, error) {
	return &World{}, nil
}
