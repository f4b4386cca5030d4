//go:build mpi

#include <mpi.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "shim.h"

struct ans_req {
	MPI_Request r;
};

static MPI_Comm comms[ANS_NCOMM];

// ans_init starts MPI for one thread (the caller's: package mpi calls MPI
// only from one locked OS thread) and makes every failure a return code
// instead of an abort, so the Go side can say what failed.
int ans_init(int *rank, int *size) {
	// Open MPI's own SIGSEGV/SIGBUS handlers would replace the Go
	// runtime's (which turns faults into panics); keep Go's unless the
	// user asked otherwise.
	setenv("OMPI_MCA_opal_signal", "", 0);
	int provided = 0;
	int err = MPI_Init_thread(NULL, NULL, MPI_THREAD_FUNNELED, &provided);
	if (err != MPI_SUCCESS) {
		return err;
	}
	MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
	for (int i = 0; i < ANS_NCOMM; i++) {
		err = MPI_Comm_dup(MPI_COMM_WORLD, &comms[i]);
		if (err != MPI_SUCCESS) {
			return err;
		}
		MPI_Comm_set_errhandler(comms[i], MPI_ERRORS_RETURN);
	}
	MPI_Comm_rank(MPI_COMM_WORLD, rank);
	return MPI_Comm_size(MPI_COMM_WORLD, size);
}

int ans_finalize(void) { return MPI_Finalize(); }

void ans_abort(int code) { MPI_Abort(MPI_COMM_WORLD, code); }

void ans_error_string(int code, char *buf, int cap) {
	char s[MPI_MAX_ERROR_STRING];
	int n = 0;
	if (MPI_Error_string(code, s, &n) != MPI_SUCCESS) {
		n = 0;
	}
	if (n >= cap) {
		n = cap - 1;
	}
	memcpy(buf, s, n);
	buf[n] = 0;
}

void ans_library_version(char *buf, int cap) {
	char s[MPI_MAX_LIBRARY_VERSION_STRING];
	int n = 0;
	if (MPI_Get_library_version(s, &n) != MPI_SUCCESS) {
		n = 0;
	}
	if (n >= cap) {
		n = cap - 1;
	}
	memcpy(buf, s, n);
	buf[n] = 0;
}

ans_req *ans_req_new(void) {
	ans_req *r = malloc(sizeof *r);
	if (r != NULL) {
		r->r = MPI_REQUEST_NULL;
	}
	return r;
}

void ans_req_free(ans_req *r) { free(r); }

int ans_test(ans_req *r, int *done) { return MPI_Test(&r->r, done, MPI_STATUS_IGNORE); }

int ans_ibcast(void *buf, int n, ans_req *r) { return MPI_Ibcast(buf, n, MPI_BYTE, 0, comms[ANS_COLL], &r->r); }

int ans_iallgather_int(const int *in, int *out, ans_req *r) {
	return MPI_Iallgather(in, 1, MPI_INT, out, 1, MPI_INT, comms[ANS_COLL], &r->r);
}

int ans_iallgatherv(const void *in, int n, void *out, const int *counts, const int *displs, ans_req *r) {
	return MPI_Iallgatherv(in, n, MPI_BYTE, out, counts, displs, MPI_BYTE, comms[ANS_COLL], &r->r);
}

int ans_igather_int(const int *in, int *out, ans_req *r) {
	return MPI_Igather(in, 1, MPI_INT, out, 1, MPI_INT, 0, comms[ANS_COLL], &r->r);
}

int ans_igatherv(const void *in, int n, void *out, const int *counts, const int *displs, ans_req *r) {
	return MPI_Igatherv(in, n, MPI_BYTE, out, counts, displs, MPI_BYTE, 0, comms[ANS_COLL], &r->r);
}

int ans_iallreduce(const double *in, double *out, int n, int op, ans_req *r) {
	return MPI_Iallreduce(in, out, n, MPI_DOUBLE, op == 0 ? MPI_SUM : MPI_MIN, comms[ANS_COLL], &r->r);
}

int ans_isend(int comm, const void *buf, int n, int dest, int tag, ans_req *r) {
	return MPI_Isend(buf, n, MPI_BYTE, dest, tag, comms[comm], &r->r);
}

// ans_iprobe looks for a message; src and tag may be -1 for any.
int ans_iprobe(int comm, int src, int tag, int *found, int *from, int *got_tag, int *count) {
	MPI_Status st;
	int err = MPI_Iprobe(src < 0 ? MPI_ANY_SOURCE : src, tag < 0 ? MPI_ANY_TAG : tag, comms[comm], found, &st);
	if (err != MPI_SUCCESS || !*found) {
		return err;
	}
	*from = st.MPI_SOURCE;
	*got_tag = st.MPI_TAG;
	return MPI_Get_count(&st, MPI_BYTE, count);
}

// ans_recv receives a message ans_iprobe found (so it does not wait long).
int ans_recv(int comm, void *buf, int n, int src, int tag) {
	return MPI_Recv(buf, n, MPI_BYTE, src, tag, comms[comm], MPI_STATUS_IGNORE);
}

// ans_yield gives the core to another process that wants it (an
// oversubscribed node runs several ranks per core) between polls.
void ans_yield(void) { sched_yield(); }
