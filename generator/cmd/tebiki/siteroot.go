package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	}
	return true
}
