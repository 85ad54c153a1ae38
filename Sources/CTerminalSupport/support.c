// Glibc's Swift module is built without _XOPEN_SOURCE, which hides wcwidth and the pty calls.
#define _XOPEN_SOURCE 700
#include <wchar.h>
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <stdlib.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "CTerminalSupport.h"

int ecs_wcwidth(unsigned int scalar) {
    return wcwidth((wchar_t)scalar);
}

static int ecs_ctype_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && strcmp(codeset, "UTF-8") == 0;
}

void ecs_ensure_utf8_ctype(void) {
    setlocale(LC_CTYPE, "");
    if (!ecs_ctype_is_utf8()) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
}

int ecs_setup_locale(void) {
    setlocale(LC_ALL, "");
    if (!ecs_ctype_is_utf8()) {
        setlocale(LC_CTYPE, "C.UTF-8");
    }
    return ecs_ctype_is_utf8();
}

FILE *ecs_stdin(void) { return stdin; }
FILE *ecs_stdout(void) { return stdout; }

int ecs_set_winsize(int fd, int rows, int cols) {
    struct winsize size;
    memset(&size, 0, sizeof size);
    size.ws_row = (unsigned short)rows;
    size.ws_col = (unsigned short)cols;
    return ioctl(fd, TIOCSWINSZ, &size);
}

int ecs_get_winsize(int fd, int *rows, int *cols) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) { return -1; }
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

int ecs_open_pty(int *master, int *slave, int rows, int cols) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) { return -1; }
    if (grantpt(m) != 0 || unlockpt(m) != 0) { close(m); return -1; }
    const char *name = ptsname(m);
    if (name == NULL) { close(m); return -1; }
    int s = open(name, O_RDWR | O_NOCTTY);
    if (s < 0) { close(m); return -1; }
    if (ecs_set_winsize(s, rows, cols) != 0) { close(s); close(m); return -1; }
    *master = m;
    *slave = s;
    return 0;
}

int ecs_bytes_available(int fd) {
    int count = 0;
    if (ioctl(fd, FIONREAD, &count) != 0) { return -1; }
    return count;
}

int ecs_set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) { return -1; }
    return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static int ecs_set_disposition(int signal, void (*handler)(int)) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    return sigaction(signal, &action, NULL);
}

int ecs_install_signal_handler(int signal, void (*handler)(int)) {
    // No SA_RESTART: blocking calls return EINTR so the main loop looks at the signal.
    return ecs_set_disposition(signal, handler);
}

int ecs_reset_signal_handler(int signal) { return ecs_set_disposition(signal, SIG_DFL); }

int ecs_ignore_signal(int signal) { return ecs_set_disposition(signal, SIG_IGN); }

int ecs_signal_realtime_min(void) { return SIGRTMIN; }
int ecs_signal_realtime_max(void) { return SIGRTMAX; }
