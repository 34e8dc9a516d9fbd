/* jd-dossier-query.h: whose help files (帮教档案) to print (docs/contract.md §5 `dossier`, §7b)
 *
 * The persons of one help-file document, in the order their files follow each
 * other: one person by ID number, the persons a village manages today, or
 * everyone whose status today is community_detox or community_rehab. Each
 * comes with today's managing village (the latest move on or before today,
 * else the village recorded with the person) and status.
 */
#pragma once

#include "jd-types.h"

G_BEGIN_DECLS

typedef enum
{
  JD_DOSSIER_PERSON,  /* key: an ID number, or id: the person's row */
  JD_DOSSIER_VILLAGE, /* key: a village code, or id: the village's row */
  JD_DOSSIER_ALL,     /* key: NULL; everyone under community measures today */
} JdDossierScope;

typedef struct
{
  gint64 person_id;
  char *name;
  char *id_number;
  char *village_code;
  char *village_name;
  char *status; /* key today; "at_large" without a span */
} JdDossierEntry;

void jd_dossier_entry_free (JdDossierEntry *entry);

/* The entries (JdDossierEntry), by village code then name; JD_ERROR_INVALID
 * when the ID number or village code (or id, when key is NULL) names no one,
 * or no one is to print. */
GPtrArray *jd_dossier_query_entries (JdLedger *ledger,
                                     JdDossierScope scope,
                                     const char *key,
                                     gint64 id,
                                     JdDay today,
                                     GError **error);

/* The name of the village with id, NULL when there is none. */
char *jd_dossier_query_village_name (JdLedger *ledger, gint64 village_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JdDossierEntry, jd_dossier_entry_free)

G_END_DECLS
