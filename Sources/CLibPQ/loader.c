/* Loads libpq lazily. Linking it directly makes every relayburn process - a no-op `relayburn migrate` on
   SQLite included - load libpq and its ~25 dependent libraries (TLS, Kerberos, LDAP), which costs about 6 ms
   on our reference machine, more than the whole SQLite no-op should take. Each function below has libpq's
   own name and signature, so the Swift code calls libpq as usual; the definitions forward to the library
   loaded by relayburn_pq_load(). */
#include "CLibPQ.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static int loaded = 0;
static char load_error[512];

#define RELAYBURN_PQ_FUNCTIONS(X)                                                                                  \
    X(PGconn *, PQconnectdbParams, (const char *const *keywords, const char *const *values, int expand_dbname),  \
      (keywords, values, expand_dbname))                                                                         \
    X(ConnStatusType, PQstatus, (const PGconn *conn), (conn))                                                    \
    X(char *, PQerrorMessage, (const PGconn *conn), (conn))                                                      \
    X(PGresult *, PQexec, (PGconn *conn, const char *query), (conn, query))                                      \
    X(PGresult *, PQexecParams,                                                                                  \
      (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,   \
       const int *paramLengths, const int *paramFormats, int resultFormat),                                      \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))               \
    X(int, PQsendQueryParams,                                                                                    \
      (PGconn *conn, const char *command, int nParams, const Oid *paramTypes, const char *const *paramValues,   \
       const int *paramLengths, const int *paramFormats, int resultFormat),                                      \
      (conn, command, nParams, paramTypes, paramValues, paramLengths, paramFormats, resultFormat))               \
    X(int, PQsetSingleRowMode, (PGconn *conn), (conn))                                                           \
    X(PGresult *, PQgetResult, (PGconn *conn), (conn))                                                           \
    X(ExecStatusType, PQresultStatus, (const PGresult *res), (res))                                              \
    X(int, PQntuples, (const PGresult *res), (res))                                                              \
    X(int, PQnfields, (const PGresult *res), (res))                                                              \
    X(Oid, PQftype, (const PGresult *res, int field_num), (res, field_num))                                      \
    X(int, PQgetisnull, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))            \
    X(char *, PQgetvalue, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))          \
    X(int, PQgetlength, (const PGresult *res, int tup_num, int field_num), (res, tup_num, field_num))            \
    X(char *, PQfname, (const PGresult *res, int field_num), (res, field_num))                                   \
    X(char *, PQresultErrorField, (const PGresult *res, int fieldcode), (res, fieldcode))                        \
    X(PGcancel *, PQgetCancel, (PGconn *conn), (conn))                                                           \
    X(int, PQcancel, (PGcancel *cancel, char *errbuf, int errbufsize), (cancel, errbuf, errbufsize))             \
    X(PQconninfoOption *, PQconninfoParse, (const char *conninfo, char **errmsg), (conninfo, errmsg))        \
    X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *conn, PQnoticeProcessor proc, void *arg),              \
      (conn, proc, arg))

/* The functions returning nothing; C forbids `return` of a void expression, so they forward apart. */
#define RELAYBURN_PQ_VOID_FUNCTIONS(X)                                                                             \
    X(void, PQfinish, (PGconn *conn), (conn))                                                                    \
    X(void, PQclear, (PGresult *res), (res))                                                                     \
    X(void, PQfreeCancel, (PGcancel *cancel), (cancel))                                                          \
    X(void, PQconninfoFree, (PQconninfoOption *connOptions), (connOptions))                                      \
    X(void, PQfreemem, (void *ptr), (ptr))

#define DECLARE_POINTER(ret, name, params, args) static ret(*loaded_##name) params;
RELAYBURN_PQ_FUNCTIONS(DECLARE_POINTER)
RELAYBURN_PQ_VOID_FUNCTIONS(DECLARE_POINTER)

static void load_library(void) {
    /* RTLD_LAZY: libpq and its ~25 dependencies (TLS, Kerberos, LDAP) have thousands of function relocations,
       most of which a session never calls; binding them on first call instead of at load saved ~0.4 ms of the
       ~4.5 ms load here, on every PostgreSQL command. The functions we call are resolved below anyway. */
    void *library = dlopen("libpq.so.5", RTLD_LAZY | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(load_error, sizeof load_error, "%s", dlerror());
        return;
    }
#define RESOLVE(ret, name, params, args)                                                                          \
    *(void **)(&loaded_##name) = dlsym(library, #name);                                                          \
    if (loaded_##name == NULL) {                                                                                 \
        snprintf(load_error, sizeof load_error, "libpq.so.5 has no function %s", #name);                         \
        return;                                                                                                  \
    }
    RELAYBURN_PQ_FUNCTIONS(RESOLVE)
    RELAYBURN_PQ_VOID_FUNCTIONS(RESOLVE)
    loaded = 1;
}

int relayburn_pq_load(char *error, size_t error_size) {
    pthread_once(&load_once, load_library);
    if (!loaded && error != NULL && error_size > 0) {
        snprintf(error, error_size, "%s", load_error);
    }
    return loaded;
}

/* Calling libpq before relayburn_pq_load() succeeded is a programming error in this package. */
static void require_loaded(const char *name) {
    if (!loaded) {
        fprintf(stderr, "relayburn: internal error: %s called before libpq was loaded\n", name);
        abort();
    }
}

#define FORWARD(ret, name, params, args)                                                                          \
    ret name params {                                                                                            \
        require_loaded(#name);                                                                                   \
        return loaded_##name args;                                                                               \
    }
RELAYBURN_PQ_FUNCTIONS(FORWARD)

#define FORWARD_VOID(ret, name, params, args)                                                                     \
    ret name params {                                                                                            \
        require_loaded(#name);                                                                                   \
        loaded_##name args;                                                                                      \
    }
RELAYBURN_PQ_VOID_FUNCTIONS(FORWARD_VOID)
