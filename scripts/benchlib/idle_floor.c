/*
 * The least an idle dashboard of agent endpoints has to do, as a baseline for the bench.
 *
 *     idle_floor watch --endpoints-from FILE
 *
 * Reads the same targets file as `ecs-protect watch` (lines `label=http://127.0.0.1:PORT/PATH`,
 * one agent port), then does only the work the dashboard cannot avoid:
 *   - a poller thread sends GET …/task-protection/v1/state to every target every 2 s, all in one
 *     round, over one kept-alive connection per target, and reads the answers (epoll);
 *   - a drawing thread wakes for the countdowns: each target's expiry, read from its answers,
 *     steps once a second at its own fraction of the second, and one wake-up covers every step
 *     due within 65 ms (the dashboard's window: 45 ms early, 20 ms late). At each wake-up it
 *     writes the new digits of every step it covers to the terminal in one write.
 * Nothing is parsed beyond the expiry's fraction, nothing laid out, nothing compared: the system
 * calls, wake-ups and context switches the dashboard's job needs, with almost no work around them.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <math.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_TARGETS = 1024, PATH_LENGTH = 256 };

static int target_count;
static int agent_port;
static char paths[MAX_TARGETS][PATH_LENGTH];
/* Each target's expiry as a fraction of the second; negative until its first answer. */
static double phases[MAX_TARGETS];
static pthread_mutex_t phase_lock = PTHREAD_MUTEX_INITIALIZER;

static double now(void) {
    struct timespec clock;
    clock_gettime(CLOCK_REALTIME, &clock);
    return (double)clock.tv_sec + clock.tv_nsec / 1e9;
}

static void sleep_until(double instant) {
    double left = instant - now();
    if (left <= 0) return;
    struct timespec span = {(time_t)left, (long)((left - floor(left)) * 1e9)};
    nanosleep(&span, NULL);
}

/* The fraction of the second of `"ExpirationDate":"…:SS.fffZ"` in an answer; -1 without one. */
static double expiry_fraction(const char *answer) {
    const char *field = strstr(answer, "\"ExpirationDate\":\"");
    if (!field) return -1;
    const char *dot = strchr(field + 18, '.');
    const char *end = dot ? strchr(dot, 'Z') : NULL;
    if (!dot || !end || end - dot > 10) return -1;
    double fraction = 0, scale = 0.1;
    for (const char *digit = dot + 1; digit < end && *digit >= '0' && *digit <= '9'; digit++, scale /= 10) {
        fraction += (*digit - '0') * scale;
    }
    return fraction;
}

static void *poll_agents(void *unused) {
    (void)unused;
    prctl(PR_SET_NAME, "floor-poller");
    int events = epoll_create1(0);
    int sockets[MAX_TARGETS];
    for (int index = 0; index < target_count; index++) {
        sockets[index] = socket(AF_INET, SOCK_STREAM, 0);
        struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)agent_port)};
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
        if (connect(sockets[index], (struct sockaddr *)&address, sizeof address) != 0) exit(2);
        int on = 1;
        setsockopt(sockets[index], IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
        struct epoll_event interest = {.events = EPOLLIN, .data.u32 = (uint32_t)index};
        epoll_ctl(events, EPOLL_CTL_ADD, sockets[index], &interest);
    }
    char answer[4096];
    for (double round = now();; round += 2) {
        for (int index = 0; index < target_count; index++) {
            char request[PATH_LENGTH + 128];
            int length = snprintf(request, sizeof request,
                                  "GET %s/task-protection/v1/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", paths[index]);
            if (write(sockets[index], request, (size_t)length) != length) exit(3);
        }
        /* Every answer is one segment of a few hundred bytes: one read each. */
        for (int left = target_count; left > 0;) {
            struct epoll_event ready[64];
            int count = epoll_wait(events, ready, 64, 1000);
            if (count <= 0) break;
            for (int item = 0; item < count; item++) {
                int index = (int)ready[item].data.u32;
                ssize_t got = read(sockets[index], answer, sizeof answer - 1);
                if (got <= 0) exit(4);
                answer[got] = 0;
                pthread_mutex_lock(&phase_lock);
                phases[index] = expiry_fraction(answer);
                pthread_mutex_unlock(&phase_lock);
                left--;
            }
        }
        sleep_until(round + 2);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 4 || strcmp(argv[2], "--endpoints-from") != 0) {
        fprintf(stderr, "usage: %s watch --endpoints-from FILE\n", argv[0]);
        return 64;
    }
    FILE *targets = fopen(argv[3], "r");
    if (!targets) return 66;
    char line[512];
    while (target_count < MAX_TARGETS && fgets(line, sizeof line, targets)) {
        char *authority = strstr(line, "http://127.0.0.1:");
        if (!authority) continue;
        agent_port = atoi(authority + 17);
        char *path = strchr(authority + 17, '/');
        if (!path) continue;
        path[strcspn(path, "\r\n")] = 0;
        snprintf(paths[target_count], PATH_LENGTH, "%s", path);
        phases[target_count++] = -1;
    }
    fclose(targets);
    /* What the bench waits for before it measures. */
    printf("\x1b[2J\x1b[H idle floor: %d targets PROTECTED\r\n", target_count);
    fflush(stdout);

    pthread_t poller;
    pthread_create(&poller, NULL, poll_agents, NULL);
    prctl(PR_SET_NAME, "floor-drawing");
    int never_written[2];
    if (pipe(never_written) != 0) return 71;
    const double early = 0.045, late = 0.020;
    double covered = now();
    for (;;) {
        double snapshot[MAX_TARGETS];
        pthread_mutex_lock(&phase_lock);
        memcpy(snapshot, phases, sizeof(double) * (size_t)target_count);
        pthread_mutex_unlock(&phase_lock);
        /* The first step not yet covered; the wake-up takes in every step up to 65 ms after it. */
        double base = floor(covered), first = INFINITY;
        for (int index = 0; index < target_count; index++) {
            if (snapshot[index] < 0) continue;
            double step = base + snapshot[index];
            if (step < covered) step += 1;
            if (step < first) first = step;
        }
        if (first == INFINITY) first = covered + 0.5; /* no answer yet */
        double window_end = first + early + late;
        int wait = (int)ceil((first + late - now()) * 1000);
        /* The terminal and a wake-up pipe, as the dashboard waits on both. */
        struct pollfd inputs[2] = {{0, POLLIN, 0}, {never_written[0], POLLIN, 0}};
        poll(inputs, 2, wait < 0 ? 0 : wait);
        char output[8192];
        int length = 0;
        for (int index = 0; index < target_count && length < (int)sizeof output - 32; index++) {
            if (snapshot[index] < 0) continue;
            double step = base + snapshot[index];
            if (step < covered) step += 1;
            if (step >= window_end) continue;
            length += snprintf(output + length, 32, "\x1b[%d;40H%02d", 4 + index % 30, (int)fmod(floor(step), 60));
        }
        if (length > 0 && write(1, output, (size_t)length) < 0) return 74;
        covered = window_end;
    }
}
