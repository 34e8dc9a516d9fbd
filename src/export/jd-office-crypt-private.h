/* jd-office-crypt-private.h: the encryption with its randomness given (tests) */
#pragma once

#include "jd-office-crypt.h"

G_BEGIN_DECLS

/* Fills buffer with length random bytes, or fails. */
typedef gboolean (*JdRandomFunc) (guint8 *buffer, gsize length, gpointer data, GError **error);

/* jd_office_crypt_encrypt () with its random bytes drawn from random, in this
 * order: the package's salt (16), the package's key (32), the password's salt
 * (16), the verifier (16), the HMAC key (64). */
gboolean jd_office_crypt_encrypt_with_random (int plain_fd,
                                              const char *password,
                                              int out_fd,
                                              JdRandomFunc random,
                                              gpointer random_data,
                                              GCancellable *cancellable,
                                              GError **error);

G_END_DECLS
