/*
 * relayfloor: the floor under any UDP relay on this kernel, for benchmarks/relay-floor.sh.
 *
 * A minimal single-threaded C forwarding relay that does nothing but move datagrams between the
 * two legs of each call, in two transports, so that relaybench can measure what a relay costs per
 * packet when its own work is almost zero, and what batching system calls saves:
 *   --mode epoll : level-triggered epoll, one recv() per ready socket, one send() per packet
 *                  (the system calls the JDK transport makes per packet, without the JVM);
 *   --mode uring : io_uring with registered files, one multishot recv per socket into a provided
 *                  buffer ring, and the sends queued as SQEs and submitted once per loop turn
 *                  (no system call per packet at all).
 * It speaks VoxRelayHost's command line as far as relaybench uses it: it binds two connected
 * sockets per call on 127.0.0.1 (leg A to 127.0.0.1:10000, leg B to 127.0.0.1:20000), writes the
 * calls file "i 10000 20000 legAport legBport" atomically, relays until SIGTERM or the time is up,
 * and prints one JSON line. Binds and sends to 127.0.0.1 only. Not part of the library.
 *
 * Usage: relayfloor --mode epoll|uring --calls N --calls-file F --seconds S
 * Build: gcc -O2 -Wall -o relayfloor relayfloor.c -luring   (Debian: liburing-dev)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <liburing.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;
static void onsig(int s) { (void) s; stop = 1; }

static int leg(int peerport, int *port) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (fd < 0 || bind(fd, (void *) &a, sizeof a) < 0) { perror("bind"); exit(1); }
    socklen_t l = sizeof a;
    getsockname(fd, (void *) &a, &l);
    *port = ntohs(a.sin_port);
    struct sockaddr_in p = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
                            .sin_port = htons(peerport)};
    if (connect(fd, (void *) &p, sizeof p) < 0) { perror("connect"); exit(1); }
    return fd;
}

/* A free submission entry, submitting what is queued when the ring is full. */
static struct io_uring_sqe *sqe(struct io_uring *ring) {
    struct io_uring_sqe *s = io_uring_get_sqe(ring);
    if (!s) { io_uring_submit(ring); s = io_uring_get_sqe(ring); }
    return s;
}

/* One multishot receive on registered file i into buffer group 0; user_data i says whose. */
static void arm(struct io_uring *ring, int i) {
    struct io_uring_sqe *s = sqe(ring);
    io_uring_prep_recv_multishot(s, i, NULL, 0, 0);
    s->flags |= IOSQE_FIXED_FILE | IOSQE_BUFFER_SELECT;
    s->buf_group = 0;
    s->user_data = (uint64_t) i;
}

#define NBUF 8192
#define BUFSZ 2048

int main(int argc, char **argv) {
    const char *mode = "epoll", *file = NULL;
    int n = 0;
    double secs = 60;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--mode")) mode = argv[i + 1];
        else if (!strcmp(argv[i], "--calls")) n = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--calls-file")) file = argv[i + 1];
        else if (!strcmp(argv[i], "--seconds")) secs = atof(argv[i + 1]);
    }
    if (n < 1 || n > 5000 || !file || (strcmp(mode, "epoll") && strcmp(mode, "uring"))) {
        fprintf(stderr, "usage: relayfloor --mode epoll|uring --calls N (1-5000) --calls-file F --seconds S\n");
        return 2;
    }
    signal(SIGTERM, onsig);
    signal(SIGINT, onsig);
    alarm((unsigned) secs + 5);
    signal(SIGALRM, onsig);
    int *fd = calloc(2 * n, sizeof(int));
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", file);
    FILE *f = fopen(tmp, "w");
    if (!f) { perror(tmp); return 1; }
    for (int i = 0; i < n; i++) {
        int pa, pb;
        fd[2 * i] = leg(10000, &pa);
        fd[2 * i + 1] = leg(20000, &pb);
        fprintf(f, "%d 10000 20000 %d %d\n", i, pa, pb);
    }
    fclose(f);
    rename(tmp, file);
    unsigned long long relayed = 0, errs = 0;
    if (!strcmp(mode, "epoll")) {
        int ep = epoll_create1(0);
        for (int i = 0; i < 2 * n; i++) {
            struct epoll_event e = {.events = EPOLLIN, .data.u32 = (uint32_t) i};
            epoll_ctl(ep, EPOLL_CTL_ADD, fd[i], &e);
        }
        static char buf[65536];
        struct epoll_event ev[256];
        while (!stop) {
            int k = epoll_wait(ep, ev, 256, 100);
            for (int j = 0; j < k; j++) {
                int i = (int) ev[j].data.u32;
                ssize_t r = recv(fd[i], buf, sizeof buf, 0);
                if (r <= 0) continue;
                if (send(fd[i ^ 1], buf, (size_t) r, 0) < 0) errs++; else relayed++;
            }
        }
    } else {
        struct io_uring ring;
        struct io_uring_params p = {0};
        p.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
        p.flags |= IORING_SETUP_CQSIZE;
        p.cq_entries = 16384;
        int rc = io_uring_queue_init_params(4096, &ring, &p);
        if (rc < 0) { fprintf(stderr, "io_uring: %s\n", strerror(-rc)); return 1; }
        if ((rc = io_uring_register_files(&ring, fd, (unsigned) (2 * n))) < 0) {
            fprintf(stderr, "files: %s\n", strerror(-rc)); return 1;
        }
        struct io_uring_buf_ring *br;
        if (posix_memalign((void **) &br, 4096, NBUF * sizeof(struct io_uring_buf))) return 1;
        char *mem = malloc((size_t) NBUF * BUFSZ);
        io_uring_buf_ring_init(br);
        struct io_uring_buf_reg reg = {.ring_addr = (unsigned long) br, .ring_entries = NBUF, .bgid = 0};
        if ((rc = io_uring_register_buf_ring(&ring, &reg, 0)) < 0) {
            fprintf(stderr, "buf ring: %s\n", strerror(-rc)); return 1;
        }
        int mask = io_uring_buf_ring_mask(NBUF);
        for (int b = 0; b < NBUF; b++) io_uring_buf_ring_add(br, mem + (size_t) b * BUFSZ, BUFSZ, (unsigned short) b, mask, b);
        io_uring_buf_ring_advance(br, NBUF);
        for (int i = 0; i < 2 * n; i++) arm(&ring, i);
        struct __kernel_timespec ts = {.tv_sec = 0, .tv_nsec = 100000000};
        while (!stop) {
            struct io_uring_cqe *c;
            io_uring_submit_and_wait_timeout(&ring, &c, 1, &ts, NULL);
            unsigned head, seen = 0, returned = 0;
            io_uring_for_each_cqe(&ring, head, c) {
                seen++;
                uint64_t ud = c->user_data;
                if (ud >> 32) { /* a send finished: give its buffer back */
                    unsigned short bid = (unsigned short) (ud & 0xffff);
                    io_uring_buf_ring_add(br, mem + (size_t) bid * BUFSZ, BUFSZ, bid, mask, (int) returned++);
                    if (c->res < 0) errs++; else relayed++;
                    continue;
                }
                int i = (int) ud;
                if (c->res > 0 && (c->flags & IORING_CQE_F_BUFFER)) {
                    unsigned short bid = (unsigned short) (c->flags >> IORING_CQE_BUFFER_SHIFT);
                    struct io_uring_sqe *s = sqe(&ring);
                    io_uring_prep_send(s, i ^ 1, mem + (size_t) bid * BUFSZ, (size_t) c->res, 0);
                    s->flags |= IOSQE_FIXED_FILE;
                    s->user_data = (1ULL << 32) | bid;
                } else if (c->res > 0) {
                    errs++;
                }
                if (!(c->flags & IORING_CQE_F_MORE)) arm(&ring, i); /* the kernel ended the multishot: re-arm */
            }
            if (returned) io_uring_buf_ring_advance(br, (int) returned);
            io_uring_cq_advance(&ring, seen);
        }
    }
    printf("{\"relayed\": %llu, \"errors\": %llu}\n", relayed, errs);
    return 0;
}
