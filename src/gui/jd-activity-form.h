/* jd-activity-form.h: the quick entry of a publicity activity (jd-form.h) */
#pragma once

#include "jd-form.h"

G_BEGIN_DECLS

extern const JdForm jd_activity_form;

G_END_DECLS
