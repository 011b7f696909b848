package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Run from a folder inside a site, commands find the site by looking
// upward, as git and Hugo do; -src still wins.
func TestFindsSiteUpward(t *testing.T) {
	site := copyProject(t)
	t.Chdir(filepath.Join(site, "content", "sakuragawa"))
	t.Setenv("LANG", "C")
	if code, stdout, stderr := runCmd("check"); code != 0 || !strings.HasPrefix(stdout, "tebiki: no problems in ") {
		t.Fatalf("check two folders down: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, stderr := runCmd("build", "-checker=false", "-date", "2026-11-22")
	if code != 0 {
		t.Fatalf("build two folders down: exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(site, "public", "ja", "index.html")); err != nil {
		t.Errorf("the build did not go to the site's public/: %v\n%s", err, stdout)
	}
	if _, err := os.Stat(filepath.Join(site, "content", "sakuragawa", "public")); err == nil {
		t.Error("the build went into the current folder")
	}
	if !strings.HasSuffix(stdout, " into "+filepath.Join("..", "..", "public")+"\n") {
		t.Errorf("build names its output relative to here: %q", stdout)
	}
	if code, stdout, stderr := runCmd("schema"); code != 0 || !strings.Contains(stdout, filepath.Join("..", "..", "rules", "_schema")) {
		t.Errorf("schema two folders down: exit %d\n%s%s", code, stdout, stderr)
	}

	// A problem is named from here, where the staff member stands.
	city := filepath.Join(site, "rules", "sakuragawa", "city.yaml")
	b, err := os.ReadFile(city)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(city, bytes.Replace(b, []byte("offices:"), []byte("ofices:"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd("check")
	if want := filepath.ToSlash(filepath.Join("..", "..", "rules", "sakuragawa", "city.yaml")) + ":"; code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("check with a problem, two folders down: exit %d, want 1 and positions from here (%s…):\n%s", code, want, stderr)
	}
	if err := os.WriteFile(city, b, 0o644); err != nil {
		t.Fatal(err)
	}

	// -src overrides: an empty folder given explicitly is not looked above.
	empty := t.TempDir()
	if code, _, _ := runCmd("check", "-src", empty); code != 1 {
		t.Errorf("check -src EMPTY: exit %d, want 1 (the folder's problems)", code)
	}
}

// A folder holding tebiki.yaml is a site root even before rules/ exists,
// and the nearest root wins.
func TestSiteRootMarkers(t *testing.T) {
	dir := t.TempDir()
	outer := filepath.Join(dir, "outer")
	inner := filepath.Join(outer, "sites", "inner")
	for _, d := range []string{filepath.Join(outer, "rules"), filepath.Join(outer, "content"), filepath.Join(inner, "deep", "er")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if got := findSiteRoot(filepath.Join(inner, "deep", "er")); got != outer {
		t.Errorf("without tebiki.yaml: %q, want %q", got, outer)
	}
	if err := os.WriteFile(filepath.Join(inner, SiteFile), []byte("time_zone: Asia/Tokyo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := findSiteRoot(filepath.Join(inner, "deep", "er")); got != inner {
		t.Errorf("with %s: %q, want %q", SiteFile, got, inner)
	}
	if got := findSiteRoot(filepath.Join(outer, "rules")); got != outer {
		t.Errorf("from rules/: %q, want %q", got, outer)
	}
	// rules/ alone is not a site.
	if err := os.MkdirAll(filepath.Join(dir, "lone", "rules"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := findSiteRoot(filepath.Join(dir, "lone", "rules")); got != "" {
		t.Errorf("rules/ without content/: %q, want none", got)
	}
}

// Outside any site, every command that needs one says so in one line, in
// the user's language, with exit 2, and writes nothing.
func TestOutsideSite(t *testing.T) {
	dir := t.TempDir()
	if findSiteRoot(dir) != "" {
		t.Skip("the temporary folder is inside a site")
	}
	t.Chdir(dir)
	for _, c := range []struct{ lang, want string }{
		{"C", "tebiki: not inside a site: no folder from " + dir + " upward holds tebiki.yaml"},
		{"ja_JP.UTF-8", "tebiki: サイトのフォルダーの中ではありません。" + dir + " から上"},
	} {
		t.Setenv("LANG", c.lang)
		for _, args := range [][]string{{"build"}, {"check"}, {"serve", "-addr", "0.0.0.0:1"} /* refused anyway, should the check fail */, {"diff", "-rev", "HEAD"}, {"schema"}} {
			code, stdout, stderr := runCmd(args...)
			if code != 2 || stdout != "" || !strings.HasPrefix(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
				t.Errorf("LANG=%s %q: exit %d, stdout %q, stderr %q; want 2 and one line starting %q", c.lang, args, code, stdout, stderr, c.want)
			}
		}
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("wrote %v outside a site", names)
	}
}
