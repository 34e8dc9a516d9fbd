/* jd-package.h: signed packages a township sends (docs/packages.md, contract.md §9)
 *
 * A package is a file of four parts: a fixed header, a manifest (JSON), an
 * Ed25519 signature (libsodium) over the header and manifest, and the payload
 * (a snapshot of the ledger, or one person's record for a transfer), whose
 * SHA-256 and size the manifest gives. The signing key is made on first use
 * and kept in the township's ledger; a snapshot never carries it.
 */
#pragma once

#include "jd-ledger.h"
#include "jd-output.h"

G_BEGIN_DECLS

#define JD_PACKAGE_PUBLIC_KEY_BYTES 32

typedef struct
{
  char *kind;     /* "township" (a snapshot) or "transfer" (one person) */
  char *township; /* the sender */
  char *county;   /* may be NULL */
  char *as_of;    /* UTC, "2026-12-06T09:00:00.123456Z": compare as text */
  int data_version;
  char *sha256; /* of the payload, lower-case hex */
  gint64 size;  /* of the payload */
  guint8 public_key[JD_PACKAGE_PUBLIC_KEY_BYTES];
  char *fingerprint; /* jd_package_fingerprint (public_key) */
  /* A transfer's only: */
  char *to_township;
  char *transfer_id;
  char *id_number;
} JdPackageManifest;

void jd_package_manifest_free (JdPackageManifest *manifest);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdPackageManifest, jd_package_manifest_free)

/* "3F2A 9C10 …": the first 16 bytes of the key's SHA-256, in 8 groups of 4 hex digits. */
char *jd_package_fingerprint (const guint8 *public_key);

/* The ledger's public key, made (and kept in the ledger) on first use. */
gboolean jd_package_ledger_key (JdLedger *ledger, guint8 *public_key, GError **error);

/* Writes a township package of ledger to path (jd-output.h; 0600, replaced
 * only with JD_OUTPUT_FORCE) and records it in the audit log. fingerprint
 * (may be NULL) gets the key's. */
gboolean jd_package_write (JdLedger *ledger,
                           const char *path,
                           JdOutputFlags flags,
                           char **fingerprint,
                           JdProgressFunc progress,
                           gpointer user_data,
                           GCancellable *cancellable,
                           GError **error);

/* Signs and writes a package of kind with payload; the manifest's kind,
 * township, county, as_of, data_version, transfer fields are taken from
 * manifest (its sha256, size, key and fingerprint are filled in here). */
gboolean jd_package_write_bytes (JdLedger *ledger,
                                 JdPackageManifest *manifest,
                                 GBytes *payload,
                                 const char *path,
                                 JdOutputFlags flags,
                                 GError **error);

/* Receives the payload in pieces while it is read. */
typedef gboolean (*JdPackageSink) (const void *data,
                                   gsize size,
                                   gpointer user_data,
                                   GError **error);

/* Reads and verifies the package at path: its header, its signature by the
 * key it names, and its payload's size and SHA-256. The payload goes to sink
 * (may be NULL) as it is read; the caller must throw it away when this fails.
 * JD_ERROR_INVALID for a damaged, altered or unsigned package, naming path. */
JdPackageManifest *
jd_package_read (const char *path, JdPackageSink sink, gpointer user_data, GError **error);

/* The current time as a manifest's as_of. */
char *jd_package_now (void);

G_END_DECLS
