#ifndef RELAYBURN_CLIBPQ_H
#define RELAYBURN_CLIBPQ_H
#include <stddef.h>
#include <postgresql/libpq-fe.h>

/* libpq's PG_DIAG_* field codes are character-literal macros, which Swift does not import. */
static const int RELAYBURN_PG_DIAG_SQLSTATE = 'C';
static const int RELAYBURN_PG_DIAG_MESSAGE_PRIMARY = 'M';
static const int RELAYBURN_PG_DIAG_MESSAGE_DETAIL = 'D';
static const int RELAYBURN_PG_DIAG_MESSAGE_HINT = 'H';
static const int RELAYBURN_PG_DIAG_STATEMENT_POSITION = 'P';

/* Loads libpq (libpq.so.5) on first use. Returns 1 when it is usable; otherwise 0, with the reason copied
   into `error`. Every libpq function this package calls is forwarded through the loaded library, so a
   process that never touches PostgreSQL never pays for loading libpq and its dependencies. */
int relayburn_pq_load(char *error, size_t error_size);

#endif
