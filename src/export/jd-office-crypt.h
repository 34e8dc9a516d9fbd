/* jd-office-crypt.h: an Office document encrypted with a password
 *
 * The standard encryption of Excel, WPS and LibreOffice for Office Open XML
 * files (ECMA-376 agile encryption; docs/office-encryption.md): AES-256-CBC, keys derived from the
 * password with SHA-512 over 100,000 turns, random salts and keys from the kernel (getrandom), an
 * HMAC-SHA512 over the encrypted package, all in an OLE2 compound file. The cipher, hash and HMAC
 * are nettle's, the compound file libgsf's. No GTK, and no file names: the
 * caller opens both files.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The longest password Office accepts, in characters. */
#define JD_OFFICE_CRYPT_MAX_PASSWORD 255

gboolean jd_office_crypt_check_password (const char *password, GError **error);

/* Reads the whole plain package (an .xlsx, .docx or .pptx, a zip file) from
 * plain_fd, from its start whatever its offset, and writes it encrypted with
 * password (UTF-8, 1 to 255 characters) to out_fd, an empty regular file
 * positioned at its start. Neither fd is closed. Secrets are wiped from memory
 * when done. On failure (JD_ERROR_INVALID for a password refused, JD_ERROR_IO,
 * JD_ERROR_CANCELLED) out_fd holds nothing of use: the caller deletes it. */
gboolean jd_office_crypt_encrypt (
    int plain_fd, const char *password, int out_fd, GCancellable *cancellable, GError **error);

G_END_DECLS
