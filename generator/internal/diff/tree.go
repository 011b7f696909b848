package diff

import (
	"archive/tar"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing/fstest"

	"github.com/tebiki/tebiki/generator/internal/config"
	"github.com/tebiki/tebiki/generator/internal/furigana"
)

// SiteAt returns the site's input (rules/, content/, themes/ and
// tebiki.yaml, glossary.yaml) as it was in a git revision, for the folder dir (the site
// root, inside a git work tree).
func SiteAt(dir, rev string) (fstest.MapFS, error) {
	git := func(args ...string) (*bytes.Buffer, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		var out, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
		}
		return &out, nil
	}
	prefix, err := git("rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	// From the top of the work tree: run in a subfolder, git archive would
	// look for that subfolder again inside the tree it is given.
	top, err := git("rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	dir = strings.TrimSpace(top.String())
	out, err := git("archive", "--format=tar", rev+":"+strings.TrimSpace(prefix.String()))
	if err != nil {
		return nil, err
	}
	fsys := fstest.MapFS{}
	tr := tar.NewReader(out)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return fsys, nil
		}
		if err != nil {
			return nil, err
		}
		top, _, _ := strings.Cut(h.Name, "/")
		if h.Typeflag != tar.TypeReg || (h.Name != config.File && h.Name != furigana.File && top != "rules" && top != "content" && top != "themes") {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return nil, err
		}
		fsys[h.Name] = &fstest.MapFile{Data: b}
	}
}
