/* SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright (C) 2026 the Montage authors; see LICENSE. */
/*
 * SIGINT, SIGTERM, SIGHUP and SIGCHLD turned into bytes on a self-pipe that the
 * batch loop polls, so no real work happens in a signal handler.
 */
#ifndef MONTAGE_DRIVER_SIGNALS_H
#define MONTAGE_DRIVER_SIGNALS_H

/* Installs the handlers (and ignores SIGPIPE). Returns the read end of the
 * pipe, or -1. */
int mt_signals_install(void);

/* Reads pending signal bytes; returns the first SIGINT/SIGTERM/SIGHUP number seen
 * (also across earlier calls), else 0. SIGCHLD only wakes the loop up. */
int mt_signals_drain(void);

#endif /* MONTAGE_DRIVER_SIGNALS_H */
