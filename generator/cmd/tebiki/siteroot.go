package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tebiki/tebiki/generator/internal/diag"
)

// SiteFile is the site's configuration file; a folder holding it, or
// holding both rules/ and content/, is a site's root.
const SiteFile = "tebiki.yaml"

// isSiteRoot reports whether dir is the root of a site.
func isSiteRoot(dir string) bool {
	if fi, err := os.Stat(filepath.Join(dir, SiteFile)); err == nil && !fi.IsDir() {
		return true
	}
	for _, sub := range []string{"rules", "content"} {
		if fi, err := os.Stat(filepath.Join(dir, sub)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// findSiteRoot returns the nearest site root at or above start, or "".
func findSiteRoot(start string) string {
	dir := filepath.Clean(start)
	for {
		if isSiteRoot(dir) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// siteRoot resolves a command's -src: as given, or else the site holding
// the current folder (as git and Hugo find theirs), written relative to the
// current folder ("." when it is the root). Outside any site it says so in
// one line, in the user's language, and returns false.
func siteRoot(src *string, lang string, stderr io.Writer) bool {
	posBase = ""
	if *src != "" {
		return true
	}
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintf(stderr, "tebiki: %v\n", err)
		return false
	}
	root := findSiteRoot(cwd)
	if root == "" {
		say(stderr, lang, "tebiki: not inside a site: no folder from %s upward holds %s, or both rules/ and content/ (go into the site's folder, or give it with -src)", cwd, SiteFile)
		return false
	}
	*src = root
	if rel, err := filepath.Rel(cwd, root); err == nil {
		*src = rel
		if rel != "." {
			posBase = rel
		}
	}
	return true
}

// posBase is the site root as found upward from the current folder, when it
// is not the current folder: problems then name their files from here, as
// staff see them (city.yaml:20:9 inside rules/sanda), not from the root.
var posBase string

// here returns d with its file named from the current folder (see posBase).
// Flags (--out) and absolute paths are left as they are.
func here(d diag.Diagnostic) diag.Diagnostic {
	f := d.Pos.File
	if posBase == "" || f == "" || strings.HasPrefix(f, "-") || filepath.IsAbs(f) {
		return d
	}
	d.Pos.File = filepath.ToSlash(filepath.Join(posBase, filepath.FromSlash(f)))
	return d
}
