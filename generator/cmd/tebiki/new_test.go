package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewCityThenCheckAndBuildRefuse(t *testing.T) {
	dir := copyProject(t)
	// Flags after the name, with two dashes, as staff may type them.
	code, stdout, stderr := runCmd("new", "city", "kaku", "--from", "sanda", "-src", dir)
	if code != 0 {
		t.Fatalf("new city: exit %d\n%s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "wrote rules/kaku/city.yaml") || !strings.Contains(stdout, "rules/kaku/city.yaml:") || !strings.Contains(stdout, "TODO markers") {
		t.Errorf("new city output:\n%s", stdout)
	}
	code, _, stderr = runCmd("check", "-src", dir)
	if code != 1 || !strings.Contains(stderr, "rules/kaku/city.yaml:") || !strings.Contains(stderr, "content/kaku/_index.ja.md:") || !strings.Contains(stderr, "unfinished: TODO") {
		t.Errorf("check after new city: exit %d\n%s", code, stderr)
	}
	out, unchanged := oldSite(t)
	code, _, stderr = runCmd("build", "-src", dir, "-out", out, "-checker=false")
	if code != 1 || !strings.Contains(stderr, "unfinished: TODO") {
		t.Errorf("build after new city: exit %d\n%s", code, stderr)
	}
	unchanged()
	t.Setenv("LANG", "ja_JP.UTF-8")
	if _, _, stderr = runCmd("check", "-src", dir); !strings.Contains(stderr, "未記入です：TODO") {
		t.Errorf("check in Japanese:\n%s", stderr)
	}
	// A second time: refused, nothing overwritten.
	before, _ := os.ReadFile(filepath.Join(dir, "rules/kaku/city.yaml"))
	os.WriteFile(filepath.Join(dir, "rules/kaku/city.yaml"), append(before, "# mine\n"...), 0o644)
	code, _, stderr = runCmd("new", "city", "-from", "sanda", "kaku", "-src", dir)
	if code != 1 || !strings.Contains(stderr, "rules/kaku") {
		t.Errorf("second new city: exit %d\n%s", code, stderr)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, "rules/kaku/city.yaml")); !strings.HasSuffix(string(after), "# mine\n") {
		t.Error("the second new city overwrote city.yaml")
	}
}

func TestNewProcedureCommand(t *testing.T) {
	dir := copyProject(t)
	code, stdout, stderr := runCmd("new", "procedure", "sanda/moving", "--from", "sanda/renewal", "-src", dir)
	if code != 0 || !strings.Contains(stdout, "wrote rules/sanda/moving.yaml") {
		t.Fatalf("new procedure: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, _ := runCmd("new", "procedure", "sanda", "--from", "sanda/renewal", "-src", dir); code != 2 {
		t.Errorf("procedure without CITY/: exit %d", code)
	}
	if code, _, _ := runCmd("new", "city", "kaku", "-src", dir); code != 2 {
		t.Errorf("new city without --from: exit %d", code)
	}
}
