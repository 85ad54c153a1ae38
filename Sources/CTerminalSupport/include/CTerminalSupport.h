#ifndef ECS_PROTECT_CTERMINALSUPPORT_H
#define ECS_PROTECT_CTERMINALSUPPORT_H
#include <stddef.h>
#include <stdio.h>
#include <wchar.h>
/// Column width of one Unicode scalar as the C library sees it (-1 for non-printable).
int ecs_wcwidth(unsigned int scalar);
/// Selects the user's locale for LC_CTYPE, falling back to C.UTF-8 when that is not UTF-8.
void ecs_ensure_utf8_ctype(void);
/// Selects the user's locale for all categories (LC_ALL), falling back to C.UTF-8 for LC_CTYPE
/// when the user's character set is not UTF-8. Returns 1 when LC_CTYPE ends up UTF-8.
int ecs_setup_locale(void);

/// The C library's standard streams (mutable globals Swift 6 refuses to touch).
FILE *ecs_stdin(void);
FILE *ecs_stdout(void);

/// Opens a pseudo-terminal pair of `rows`×`cols`. On success returns 0 and sets both descriptors
/// (neither becomes the controlling terminal); on failure returns -1 with errno set.
int ecs_open_pty(int *master, int *slave, int rows, int cols);
/// Sets the window size the kernel reports for a terminal descriptor (TIOCSWINSZ).
int ecs_set_winsize(int fd, int rows, int cols);
/// Reads the window size of a terminal descriptor (TIOCGWINSZ). Returns 0 on success.
int ecs_get_winsize(int fd, int *rows, int *cols);
/// Bytes waiting to be read on a descriptor (FIONREAD), or -1 on error.
int ecs_bytes_available(int fd);
/// Makes a descriptor non-blocking and close-on-exec.
int ecs_set_nonblocking(int fd);
/// Installs `handler` for `signal` without SA_RESTART, so blocking calls see EINTR.
int ecs_install_signal_handler(int signal, void (*handler)(int));
/// Ignores `signal` (SIG_IGN).
int ecs_ignore_signal(int signal);
/// The first and last real-time signal numbers (SIGRTMIN and SIGRTMAX are function-like macros).
int ecs_signal_realtime_min(void);
int ecs_signal_realtime_max(void);
/// Restores the default disposition of `signal`.
int ecs_reset_signal_handler(int signal);
#endif
