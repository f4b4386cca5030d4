// The C side of package mpi: every MPI handle stays in shim.c, so Go sees
// only ints, byte buffers and the opaque ans_req, whatever the MPI
// library's ABI (Open MPI's handles are pointers, MPICH's are ints).
// Buffers given to a non-blocking call must be C memory that lives until
// the request completes.

#ifndef ANSATZ_MPI_SHIM_H
#define ANSATZ_MPI_SHIM_H

// Communicators, each a duplicate of MPI_COMM_WORLD so that traffic of one
// kind never matches a receive of another.
enum {
	ANS_COLL = 0,  // collectives
	ANS_SHIFT = 1, // Shift (migration)
	ANS_P2P = 2,   // Send/Recv (the batch job queue)
	ANS_HEART = 3, // heartbeats
	ANS_NCOMM = 4
};

typedef struct ans_req ans_req;

int ans_init(int *rank, int *size);
int ans_finalize(void);
void ans_abort(int code);
void ans_error_string(int code, char *buf, int cap);
void ans_library_version(char *buf, int cap);

ans_req *ans_req_new(void);
void ans_req_free(ans_req *r);
int ans_test(ans_req *r, int *done);

int ans_ibcast(void *buf, int n, ans_req *r);
int ans_iallgather_int(const int *in, int *out, ans_req *r);
int ans_iallgatherv(const void *in, int n, void *out, const int *counts, const int *displs, ans_req *r);
int ans_igather_int(const int *in, int *out, ans_req *r);
int ans_igatherv(const void *in, int n, void *out, const int *counts, const int *displs, ans_req *r);
// ans_iallreduce reduces n doubles element-wise: op 0 is MPI_SUM, 1 MPI_MIN.
int ans_iallreduce(const double *in, double *out, int n, int op, ans_req *r);

int ans_isend(int comm, const void *buf, int n, int dest, int tag, ans_req *r);
int ans_iprobe(int comm, int src, int tag, int *found, int *from, int *got_tag, int *count);
int ans_recv(int comm, void *buf, int n, int src, int tag);

void ans_yield(void);

#endif
