/* rd-phrase-picker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-phrase-picker.h"
#include "rd-phrasebook.h"

struct _RdPhrasePicker
{
  GtkWidget parent_instance;

  /* Template children */
  GtkMenuButton *menu_button;
  GtkPopover *popover;
  GtkListBox *list_box;
};

G_DEFINE_FINAL_TYPE (RdPhrasePicker, rd_phrase_picker, GTK_TYPE_WIDGET)

static void
on_list_box_row_activated_cb (RdPhrasePicker *self,
                              GtkListBoxRow  *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "rd-phrase-id");

  gtk_popover_popdown (self->popover);
  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "case.phrase", "s", id);
}

static void
rd_phrase_picker_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RD_TYPE_PHRASE_PICKER);

  G_OBJECT_CLASS (rd_phrase_picker_parent_class)->dispose (object);
}

static void
rd_phrase_picker_class_init (RdPhrasePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_phrase_picker_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "rd-phrase-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPhrasePicker, menu_button);
  gtk_widget_class_bind_template_child (widget_class, RdPhrasePicker, popover);
  gtk_widget_class_bind_template_child (widget_class, RdPhrasePicker, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_list_box_row_activated_cb);
}

static void
rd_phrase_picker_init (RdPhrasePicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  rd_phrase_picker_set_role (self, RD_ROLE_BUYER);
}

GtkWidget *
rd_phrase_picker_new (void)
{
  return g_object_new (RD_TYPE_PHRASE_PICKER, NULL);
}

static GtkWidget *
row_new (const RdPhrase *phrase)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (rd_phrase_get_title (phrase));
  /* The phrase as it reads, with a gap ("…") where a detail goes. */
  g_autofree char *preview = rd_phrasebook_render (rd_phrase_get_id (phrase), NULL, NULL);
  GtkWidget *text = gtk_label_new (preview);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (text), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 40);
  gtk_widget_add_css_class (text, "dim-label");
  gtk_widget_add_css_class (text, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "rd-phrase-id", g_strdup (rd_phrase_get_id (phrase)), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  rd_phrase_get_title (phrase),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, preview,
                                  -1);
  return row;
}

void
rd_phrase_picker_set_role (RdPhrasePicker *self,
                           RdRole          role)
{
  GtkWidget *child;

  g_return_if_fail (RD_IS_PHRASE_PICKER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  for (guint i = 0; i < rd_phrasebook_get_n_phrases (); i++)
    {
      const RdPhrase *phrase = rd_phrasebook_get_phrase (i);

      if (rd_phrase_is_for_role (phrase, role))
        gtk_list_box_append (self->list_box, row_new (phrase));
    }
}

GStrv
rd_phrase_picker_dup_ids (RdPhrasePicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (RD_IS_PHRASE_PICKER (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *id = g_object_get_data (G_OBJECT (row), "rd-phrase-id");

      if (id != NULL)
        g_strv_builder_add (builder, id);
    }
  return g_strv_builder_end (builder);
}
