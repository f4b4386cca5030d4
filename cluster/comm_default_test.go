//go:build !mpi

package cluster

func launched() bool { return false }
