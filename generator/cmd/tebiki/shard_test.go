package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// build -shard I/N and merge, through the command line, give the site that
// one build gives.
func TestShardAndMergeCommands(t *testing.T) {
	src := copyProject(t)
	tmp := t.TempDir()
	common := []string{"-src", src, "-checker=false", "-date", "2026-11-22"}
	var parts []string
	for _, s := range []string{"1/2", "2/2"} {
		out := filepath.Join(tmp, "part"+s[:1])
		if code, _, stderr := runCmd(append([]string{"build", "-shard", s, "-out", out}, common...)...); code != 0 {
			t.Fatalf("build -shard %s: exit %d\n%s", s, code, stderr)
		}
		parts = append(parts, out)
	}
	merged := filepath.Join(tmp, "merged")
	code, stdout, stderr := runCmd(append([]string{"merge", "-out", merged}, parts...)...)
	if code != 0 || !strings.Contains(stdout, "merged 2 shards") {
		t.Fatalf("merge: exit %d\n%s%s", code, stdout, stderr)
	}
	full := filepath.Join(tmp, "full")
	if code, _, stderr := runCmd(append([]string{"build", "-out", full}, common...)...); code != 0 {
		t.Fatalf("build: exit %d\n%s", code, stderr)
	}
	for _, p := range []string{"ja/sanda/renewal/index.html", "en/sakuragawa/index.html", "ja/index.html"} {
		a, err1 := os.ReadFile(filepath.Join(full, p))
		b, err2 := os.ReadFile(filepath.Join(merged, p))
		if err1 != nil || err2 != nil || string(a) != string(b) {
			t.Errorf("%s differs between the full build and the merged shards (%v, %v)", p, err1, err2)
		}
	}
	for _, bad := range [][]string{{"build", "-shard", "3/2"}, {"build", "-shard", "x"}, {"build", "-shard", "1/2", "-cities", "sanda"}} {
		if code, _, _ := runCmd(append(bad, append([]string{"-out", filepath.Join(tmp, "bad")}, common...)...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", bad, code)
		}
	}
	if code, _, _ := runCmd("merge", "-out", filepath.Join(tmp, "bad")); code != 2 {
		t.Errorf("merge without shards: exit %d, want 2", code)
	}
}
