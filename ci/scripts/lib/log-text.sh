# Sourced by the ci scripts (not run on its own).
#
# log_text TEXT: TEXT (names and statuses from Azure, a properties file, an artifact, the arguments) made safe for
# one log line: control characters (line breaks, escape sequences) become '?', and a '#' right after a '#' becomes
# '\x23', so that no '##vso[' or '##[' can form. The callers never start a line with the text, so '::' cannot start
# a GitHub Actions command either.
log_text() {
  printf '%s' "$1" | LC_ALL=C tr '\000-\037\177' '?' | sed -e ':again' -e 's/##/#\\x23/' -e 't again'
}
