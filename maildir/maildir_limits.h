/*
 * maildir_limits.h - the size limits every libmaildir layer shares (bytes).
 * The bottom of maildir/'s include graph: no functions, no includes of ours.
 *
 * STABLE.
 */
#ifndef STAFETA_MAILDIR_LIMITS_H
#define STAFETA_MAILDIR_LIMITS_H


/* Limits (bytes): a message file name, a folder name, a path we build. */
#define MAILDIR_NAME_MAX        255
#define MAILDIR_FOLDER_NAME_MAX 1000
#define MAILDIR_PATH_MAX        4096

#endif
