/* jd-cmd-county.c: jindu county init|add|list|duplicates (docs/contract.md §9)
 *
 * A county ledger gathers its townships' packages (docs/packages.md): init
 * makes one, add adds packages (each whole or not at all), list shows what it
 * holds, duplicates the persons registered in two townships or more.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "jd-cli.h"
#include "jd-county.h"
#include "jd-error.h"

static int
county_init (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autofree char *county = NULL;
  const GOptionEntry entries[]
      = { { "county", 0, 0, G_OPTION_ARG_STRING, &county, N_ ("The county’s name"), N_ ("NAME") },
          { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "county init", NULL, _ ("Create an empty county ledger."), entries, &common);
  int rc = jd_cli_parse (context, &common, &argc, &argv);
  if (rc == JD_EXIT_OK && (common.db == NULL || county == NULL))
    rc = jd_cli_usage (context, _ ("county init needs --db FILE and --county NAME"));
  if (rc == JD_EXIT_OK && argc > 1)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), argv[1]);
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (JdCounty) ledger = jd_county_create (common.db, county, &error);
      rc = ledger ? JD_EXIT_OK : jd_cli_fail (error);
    }
  jd_cli_common_clear (&common);
  return rc;
}

/* Parses the options of a sub-command that reads a county ledger and opens it. */
static int
open_county (GOptionContext *context,
             JdCliCommon *common,
             int *argc,
             char ***argv,
             gboolean arguments,
             JdCounty **county)
{
  int rc = jd_cli_parse (context, common, argc, argv);
  if (rc == JD_EXIT_OK && common->db == NULL)
    rc = jd_cli_usage (context, _ ("a county command needs --db FILE, the county ledger"));
  if (rc == JD_EXIT_OK && !arguments && *argc > 1)
    rc = jd_cli_usage (context, _ ("unexpected argument “%s”"), (*argv)[1]);
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      *county = jd_county_open (common->db, &error);
      if (*county == NULL)
        rc = jd_cli_fail (error);
    }
  return rc;
}

static int
county_add (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autoptr (GOptionContext) context
      = jd_cli_context ("county add", _ ("PACKAGE…"),
                        _ ("Add townships’ packages to the county ledger."), NULL, &common);
  g_option_context_set_description (
      context,
      _ ("Each package replaces the one held of its township when it is signed by the key the "
         "county trusts for that township (the first package’s key is trusted, and its "
         "fingerprint shown: check it with the township), is newer than the one held, and comes "
         "from a version of Jindu Ledger this one reads. A package that is refused changes "
         "nothing.\n\n"
         "Exit status: 0 when every package is added; 1 on bad usage; 2 when a package is "
         "refused (the others are added); 3 when the county ledger cannot be read or written."));
  g_autoptr (JdCounty) county = NULL;
  int rc = open_county (context, &common, &argc, &argv, TRUE, &county);
  if (rc == JD_EXIT_OK && argc < 2)
    rc = jd_cli_usage (context, _ ("county add needs one package or more"));
  for (int i = 1; county && rc != JD_EXIT_USAGE && i < argc; i++)
    {
      GError *error = NULL;
      g_autoptr (JdCountyAdded) added = jd_county_add (county, argv[i], NULL, NULL, NULL, &error);
      if (added == NULL)
        {
          int code = jd_cli_fail (error);
          rc = MAX (rc, code);
          continue;
        }
      if (added->first)
        /* TRANSLATORS: the township, its key's fingerprint. */
        g_print (_ ("%s: first package, its key is now trusted. Check the fingerprint with the "
                    "township: %s\n"),
                 added->township, added->fingerprint);
      g_autofree char *persons = g_strdup_printf ("%" G_GINT64_FORMAT, added->persons);
      /* TRANSLATORS: the file, the township, the package's time, the number of persons. */
      g_print (_ ("%s added: %s as of %s, %s persons registered\n"), argv[i], added->township,
               added->as_of, persons);
    }
  jd_cli_common_clear (&common);
  return rc;
}

static int
county_list (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "county list", NULL, _ ("List the townships of the county ledger."), NULL, &common);
  g_autoptr (JdCounty) county = NULL;
  int rc = open_county (context, &common, &argc, &argv, FALSE, &county);
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (GPtrArray) list = jd_county_list (county, &error);
      if (list == NULL)
        rc = jd_cli_fail (error);
      else
        {
          g_print (_ ("County: %s, %u townships\n"), jd_county_get_name (county), list->len);
          for (guint i = 0; i < list->len; i++)
            {
              const JdCountyTownship *t = g_ptr_array_index (list, i);
              g_autofree char *persons = g_strdup_printf ("%" G_GINT64_FORMAT, t->persons);
              /* TRANSLATORS: township, the package's time, persons, key fingerprint. */
              g_print (_ ("%s  as of %s  %s persons  key %s\n"), t->name, t->as_of, persons,
                       t->fingerprint);
            }
        }
    }
  jd_cli_common_clear (&common);
  return rc;
}

static void
print_duplicates_json (GPtrArray *list)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      const JdCountyDuplicate *d = g_ptr_array_index (list, i);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id_number");
      json_builder_add_string_value (builder, d->id_number);
      json_builder_set_member_name (builder, "townships");
      json_builder_begin_array (builder);
      for (char **t = d->townships; *t; t++)
        json_builder_add_string_value (builder, *t);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  jd_cli_print_json (builder);
}

static int
county_duplicates (int argc, char **argv)
{
  JdCliCommon common = { 0 };
  gboolean json = FALSE;
  const GOptionEntry entries[]
      = { { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Write JSON"), NULL }, { NULL } };
  g_autoptr (GOptionContext) context = jd_cli_context (
      "county duplicates", NULL, _ ("List the persons registered in two townships or more."),
      entries, &common);
  g_autoptr (JdCounty) county = NULL;
  int rc = open_county (context, &common, &argc, &argv, FALSE, &county);
  if (rc == JD_EXIT_OK)
    {
      GError *error = NULL;
      g_autoptr (GPtrArray) list = jd_county_duplicates (county, &error);
      if (list == NULL)
        rc = jd_cli_fail (error);
      else if (json)
        print_duplicates_json (list);
      else if (list->len == 0)
        g_print ("%s\n", _ ("No person is registered in two townships."));
      else
        for (guint i = 0; i < list->len; i++)
          {
            const JdCountyDuplicate *d = g_ptr_array_index (list, i);
            g_autofree char *names = g_strjoinv (", ", d->townships);
            g_print ("%s  %s\n", d->id_number, names);
          }
    }
  jd_cli_common_clear (&common);
  return rc;
}

JdCounty *
jd_cli_open_county (JdCliCommon *common, const char *township, GError **error)
{
  g_autofree char *path = jd_cli_db_path (common);
  if (jd_county_is_county (path))
    return jd_county_open (path, error);
  if (township)
    g_set_error (error, JD_ERROR, JD_ERROR_INVALID,
                 _ ("--township is for a county ledger, and %s is a township’s"), path);
  return NULL;
}

int
jd_cmd_county (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    JdCommandFunc run;
  } subcommands[] = {
    { "init", county_init },
    { "add", county_add },
    { "list", county_list },
    { "duplicates", county_duplicates },
  };
  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        {
          /* "county add" as the command's name in its own usage line. */
          argv[1] = argv[0];
          return subcommands[i].run (argc - 1, argv + 1);
        }
  return jd_cli_usage (NULL, _ ("county needs one of init, add, list, duplicates"));
}
