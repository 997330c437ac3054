/*
 * maildir.h - Maildir++ basics (an umbrella over the layers below): message file names, the ":2," flags suffix,
 * folder names and paths, folder create/list/rename/delete, and the scan of
 * cur/ + new/ that every reader (imapd, pop3d) starts from.
 *
 * Formats: ../shared/spec/maildir-formats.md (Courier 5.0.13).  Every path
 * built here stays inside the maildir: names with '/', a ".." component,
 * control characters, NUL or invalid UTF-8 are refused, and files and folder
 * directories are opened with O_NOFOLLOW / lstat so a symlink is never
 * followed out of the Maildir.
 *
 * STABLE (pop3d, imapd, lmtpd build on these; only additions from now on):
 *   MAILDIR_F_*, struct maildir_msg, struct maildir_list, maildir_scan(),
 *   maildir_list_free(), maildir_msg_open(), maildir_msg_delete(),
 *   maildir_name_*(), maildir_create(), maildir_folder_dir(),
 *   maildir_folder_exists(), maildir_folder_create(), maildir_folder_check(),
 *   maildir_folder_check_mutf7(), maildir_is_trash(), maildir_main_dir().
 * Also stable but may gain fields: struct maildir_folder_info and the
 * maildir_folder_list/rename/delete functions.
 */
#ifndef STAFETA_MAILDIR_H
#define STAFETA_MAILDIR_H

/* Programs include this one header; modules inside maildir/ include only
   the layers they use, so maildir/'s include graph stays a DAG:
     maildir_limits.h <- maildir_util <- maildir_name <- maildir_flags,
     maildir_folder, maildir_scan <- maildir_quota <- maildir_msg. */
#include "maildir_limits.h"
#include "maildir_name.h"
#include "maildir_folder.h"
#include "maildir_scan.h"
#include "maildir_msg.h"

#endif
