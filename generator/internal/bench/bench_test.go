package bench

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMainSmoke runs the whole benchmark on two cities, one round, without
// pauses (with Hugo only where it is installed) and keeps the projects; with
// -cold, no Tebiki build leaves a cache in TEBIKI_CACHE.
func TestMainSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the generator")
	}
	caches := t.TempDir()
	t.Setenv("TEBIKI_CACHE", caches)
	_, err := exec.LookPath("hugo")
	hugo := err == nil
	keep := t.TempDir()
	var out, errs bytes.Buffer
	args := []string{"-cities", "2", "-rounds", "1", "-pause", "0", "-weight=false", "-cold", "-keep", keep, "-hugo=" + map[bool]string{true: "hugo", false: "none"}[hugo]}
	if code := Main(args, &out, &errs); code != 0 {
		t.Fatalf("bench %s: exit %d\n%s\n%s", strings.Join(args, " "), code, out.String(), errs.String())
	}
	t.Log(out.String())
	want := []string{"== 2 cities", "caches: none", "tebiki (whole site)", "tebiki -content-only", "incremental"}
	if hugo {
		want = append(want, "hugo v0.", "ratio, tebiki -content-only pages/s ÷ hugo v0.")
	}
	for _, w := range want {
		if !strings.Contains(out.String(), w) {
			t.Errorf("the report does not say %q", w)
		}
	}
	if left, _ := os.ReadDir(caches); len(left) > 0 {
		t.Errorf("-cold: the builds left %d files in TEBIKI_CACHE, such as %s", len(left), left[0].Name())
	}
	if _, err := os.Stat(filepath.Join(keep, "cities-2", "src", "rules", "c0002", "city.yaml")); err != nil {
		t.Errorf("-keep: the project is not kept: %v", err)
	}
	if _, err := os.Stat(filepath.Join(keep, "cities-2", "out-tebiki", "ja", "c0001", "index.html")); err != nil {
		t.Errorf("-keep: the output is not kept: %v", err)
	}
}

func TestMainUsage(t *testing.T) {
	for _, args := range [][]string{{"-cities", "ten"}, {"-cities", "0"}, {"-rounds", "0"}, {"extra"}, {"-nosuchflag"}} {
		var out, errs bytes.Buffer
		if code := Main(args, &out, &errs); code != 2 {
			t.Errorf("bench %v: exit %d, want 2", args, code)
		}
	}
}

// TestPageWeight weighs the sample site without the checker (the fast case).
func TestPageWeight(t *testing.T) {
	root, err := FindRoot("")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := PageWeight(root, testDate, false, &out); err != nil {
		t.Fatal(err)
	}
	t.Log(out.String())
	for _, w := range []string{"ja/sakuragawa/renewal/index.html", "en/sakuragawa/renewal/index.html", "/check/", "assets/style-"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("the report does not mention %q", w)
		}
	}
}

func TestMeasureWeight(t *testing.T) {
	files := map[string][]byte{
		"ja/a/b/index.html":     []byte(`<link rel="stylesheet" href="../../../assets/s.css"><script src="../../../assets/c.js" defer></script><div data-wasm="../../../assets/c.wasm" data-wasm-js="../../../assets/cw.js" data-exec="../../../assets/e.js"></div>`),
		"assets/s.css":          bytes.Repeat([]byte("a{b:c}"), 100),
		"assets/c.js":           []byte("x()"),
		"assets/c.wasm":         []byte("\x00asm"),
		"assets/cw.js":          []byte("w=1"),
		"assets/e.js":           []byte("e=1"),
		"ja/missing/index.html": []byte(`<script src="../../nope.js"></script>`),
	}
	w, err := MeasureWeight(files, "ja/a/b/index.html")
	if err != nil {
		t.Fatal(err)
	}
	if w.CSS != 600 || w.JS != 3 || w.Demand != 7 || w.Disk != 3 || w.HTMLBr == 0 || w.CSSBr >= w.CSS {
		t.Errorf("weight %+v", w)
	}
	if !w.FitsFirstFlight() {
		t.Error("a tiny page does not fit in the first flight")
	}
	if _, err := MeasureWeight(files, "ja/missing/index.html"); err == nil {
		t.Error("a page loading a missing script weighs nothing")
	}
}
