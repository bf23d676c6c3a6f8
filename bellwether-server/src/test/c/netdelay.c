/*
 * netdelay: delay and loss for the packets of one network namespace, in place of
 * `tc qdisc add dev eth0 root netem delay D J loss L%` on kernels built without sch_netem
 * (as on the CI machines). The multi-host test (MultiHostIT) puts
 *     iptables -A OUTPUT -o eth0 -j NFQUEUE --queue-num 0
 * in each host's namespace and runs this there: every outgoing packet is held in the
 * kernel's queue and released after D +- J ms (uniform, like netem's jitter; packets may
 * be reordered, as with netem), or dropped with probability L (silently: the sender sees
 * nothing, as on a real lossy link). Without this program running the packets are dropped,
 * so a test cannot pass undelayed by mistake.
 *
 *   netdelay <queue> <delay-ms> <jitter-ms> <loss-percent> <seed>
 *
 * On SIGTERM/SIGINT it prints one line: packets, dropped, mean applied delay.
 * Build: gcc -O2 -o netdelay netdelay.c -lnetfilter_queue  (Debian: libnetfilter-queue-dev)
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define MAX_HELD 65536

struct held { uint64_t due_ns; uint32_t id; };

static struct held heap[MAX_HELD];
static int held_count;
static volatile sig_atomic_t stopping;
static uint64_t packets, dropped, delay_sum_ns;
static double delay_ms, jitter_ms, loss;
static uint64_t rng;

static uint64_t now_ns(void) {
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t) ts.tv_sec * 1000000000ull + (uint64_t) ts.tv_nsec;
}

static double uniform(void) { /* xorshift64*, [0,1) */
	rng ^= rng >> 12; rng ^= rng << 25; rng ^= rng >> 27;
	return (double) ((rng * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static void push(struct held h) {
	int i = held_count++;
	while (i > 0 && heap[(i - 1) / 2].due_ns > h.due_ns) { heap[i] = heap[(i - 1) / 2]; i = (i - 1) / 2; }
	heap[i] = h;
}

static struct held pop(void) {
	struct held top = heap[0], last = heap[--held_count];
	int i = 0;
	for (;;) {
		int c = 2 * i + 1;
		if (c >= held_count) break;
		if (c + 1 < held_count && heap[c + 1].due_ns < heap[c].due_ns) c++;
		if (heap[c].due_ns >= last.due_ns) break;
		heap[i] = heap[c]; i = c;
	}
	if (held_count > 0) heap[i] = last;
	return top;
}

static int on_packet(struct nfq_q_handle *queue, struct nfgenmsg *msg, struct nfq_data *data, void *unused) {
	(void) msg; (void) unused;
	struct nfqnl_msg_packet_hdr *header = nfq_get_msg_packet_hdr(data);
	if (header == NULL) return 0;
	uint32_t id = ntohl(header->packet_id);
	packets++;
	if (uniform() < loss) {
		dropped++;
		return nfq_set_verdict(queue, id, NF_DROP, 0, NULL);
	}
	double ms = delay_ms + (2.0 * uniform() - 1.0) * jitter_ms;
	if (ms < 0) ms = 0;
	if (held_count == MAX_HELD) return nfq_set_verdict(queue, id, NF_ACCEPT, 0, NULL);
	uint64_t wait = (uint64_t) (ms * 1e6);
	delay_sum_ns += wait;
	push((struct held) { now_ns() + wait, id });
	return 0;
}

static void on_signal(int sig) { (void) sig; stopping = 1; }

int main(int argc, char **argv) {
	if (argc != 6) {
		fprintf(stderr, "usage: netdelay <queue> <delay-ms> <jitter-ms> <loss-percent> <seed>\n");
		return 2;
	}
	int queue_num = atoi(argv[1]);
	delay_ms = atof(argv[2]);
	jitter_ms = atof(argv[3]);
	loss = atof(argv[4]) / 100.0;
	rng = strtoull(argv[5], NULL, 10) | 1;
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);

	struct nfq_handle *handle = nfq_open();
	if (handle == NULL) { perror("netdelay: nfq_open"); return 1; }
	struct nfq_q_handle *queue = nfq_create_queue(handle, queue_num, &on_packet, NULL);
	if (queue == NULL) { perror("netdelay: nfq_create_queue"); return 1; }
	if (nfq_set_mode(queue, NFQNL_COPY_META, 0) < 0) { perror("netdelay: nfq_set_mode"); return 1; }
	nfq_set_queue_maxlen(queue, MAX_HELD);
	int fd = nfq_fd(handle);
	printf("netdelay: queue %d, delay %.1f ms +- %.1f ms, loss %.2f %%\n", queue_num, delay_ms, jitter_ms, loss * 100);
	fflush(stdout);

	char buffer[65536] __attribute__((aligned));
	while (!stopping) {
		int timeout = -1;
		if (held_count > 0) {
			uint64_t now = now_ns();
			timeout = (heap[0].due_ns <= now) ? 0 : (int) ((heap[0].due_ns - now + 999999) / 1000000);
		}
		struct pollfd p = { fd, POLLIN, 0 };
		int ready = poll(&p, 1, timeout);
		if (ready < 0 && errno != EINTR) { perror("netdelay: poll"); break; }
		if (ready > 0) {
			int n = recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
			if (n >= 0) nfq_handle_packet(handle, buffer, n);
			else if (errno == ENOBUFS) fprintf(stderr, "netdelay: the kernel dropped packets (queue overrun)\n");
		}
		uint64_t now = now_ns();
		while (held_count > 0 && heap[0].due_ns <= now) {
			nfq_set_verdict(queue, pop().id, NF_ACCEPT, 0, NULL);
		}
	}
	while (held_count > 0) nfq_set_verdict(queue, pop().id, NF_ACCEPT, 0, NULL);
	uint64_t delayed = packets - dropped;
	printf("netdelay: packets %llu, dropped %llu (%.2f %%), mean delay %.1f ms\n", (unsigned long long) packets,
			(unsigned long long) dropped, packets ? 100.0 * dropped / packets : 0.0,
			delayed ? delay_sum_ns / 1e6 / delayed : 0.0);
	fflush(stdout);
	nfq_destroy_queue(queue);
	nfq_close(handle);
	return 0;
}
