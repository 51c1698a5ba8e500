/* rd-platform-process.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rd-error.h"
#include "rd-file-util.h"
#include "rd-platform-process.h"

struct _RdPlatformProcess
{
  GObject           parent_instance;

  GSubprocess      *process;
  GDataInputStream *out;
  char             *tmpdir;
  char             *base_url;
};

G_DEFINE_FINAL_TYPE (RdPlatformProcess, rd_platform_process, G_TYPE_OBJECT)

static void
rd_platform_process_finalize (GObject *object)
{
  RdPlatformProcess *self = (RdPlatformProcess *) object;

  rd_platform_process_stop (self);
  g_clear_object (&self->out);
  g_clear_object (&self->process);
  rd_remove_tree (self->tmpdir);
  g_clear_pointer (&self->tmpdir, g_free);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (rd_platform_process_parent_class)->finalize (object);
}

static void
rd_platform_process_class_init (RdPlatformProcessClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_platform_process_finalize;
}

static void
rd_platform_process_init (RdPlatformProcess *self)
{
}

char *
rd_platform_process_find_binary (void)
{
  const char *env = g_getenv ("REDRESS_PLATFORM");
  g_autofree char *built = g_build_filename (BUILD_ROOT, "src", "platform", "redress-platform", NULL);
  g_autofree char *installed = g_build_filename (PLATFORM_BINDIR, "redress-platform", NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (g_file_test (built, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&built);
  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  return g_find_program_in_path ("redress-platform");
}

static void
child_setup (gpointer data)
{
  /* The platform must not outlive the app, even if the app crashes. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
on_line_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RdPlatformProcess *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *prefix = "listening on ";
  gsize len;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, &len, &error);
  if (line == NULL || !g_str_has_prefix (line, prefix) || !g_str_has_suffix (line, "/"))
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_FAILED,
                               _("The demo platform did not start: %s"),
                               error ? error->message : (line ? line : _("it exited")));
      return;
    }

  self->base_url = g_strconcat (line + strlen (prefix), "v1/", NULL);
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

void
rd_platform_process_start_async (const char * const  *extra_args,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(RdPlatformProcess) self = g_object_new (RD_TYPE_PLATFORM_PROCESS, NULL);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *binary = rd_platform_process_find_binary ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_platform_process_start_async);

  if (binary == NULL)
    {
      g_task_return_new_error (task, RD_ERROR, RD_ERROR_FAILED,
                               _("The demo platform (redress-platform) is not installed."));
      return;
    }

  self->tmpdir = g_dir_make_tmp ("redress-demo-XXXXXX", &error);
  if (self->tmpdir == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (argv, g_strdup (binary));
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_build_filename (self->tmpdir, "platform.db", NULL));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  if (self->process == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  g_data_input_stream_read_line_async (self->out, G_PRIORITY_DEFAULT, cancellable,
                                       on_line_read, g_steal_pointer (&task));
}

RdPlatformProcess *
rd_platform_process_start_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
rd_platform_process_get_base_url (RdPlatformProcess *self)
{
  g_return_val_if_fail (RD_IS_PLATFORM_PROCESS (self), NULL);
  return self->base_url;
}

void
rd_platform_process_stop (RdPlatformProcess *self)
{
  g_return_if_fail (RD_IS_PLATFORM_PROCESS (self));

  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, SIGTERM);
  /* The platform stops within a moment; wait so its database is closed
   * before the temporary folder goes. */
  g_subprocess_wait (self->process, NULL, NULL);
  g_clear_object (&self->process);
}
