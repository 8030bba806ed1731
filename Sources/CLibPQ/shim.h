#ifndef RELAYBURN_CLIBPQ_SHIM_H
#define RELAYBURN_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>

/* libpq's PG_DIAG_* field codes are character-literal macros, which Swift does not import. */
static const int RELAYBURN_PG_DIAG_SQLSTATE = 'C';
static const int RELAYBURN_PG_DIAG_MESSAGE_PRIMARY = 'M';
static const int RELAYBURN_PG_DIAG_MESSAGE_DETAIL = 'D';
static const int RELAYBURN_PG_DIAG_MESSAGE_HINT = 'H';
static const int RELAYBURN_PG_DIAG_STATEMENT_POSITION = 'P';

#endif
