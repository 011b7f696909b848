package main

import (
	"errors"
	"fmt"
	"io"
	"os/exec"

	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/generator/internal/wasmbuild"
)

// checkerFlag is -checker: where the interactive checker comes from.
//
//	-checker (or =true, =embedded)  the one built into tebiki (default; no Go needed)
//	-checker=source                 compile wasm/ of the site's module (needs Go; development)
//	-checker=false                  leave it out (development; static question pages remain)
type checkerFlag struct{ mode string }

const (
	checkerEmbedded = "embedded"
	checkerSource   = "source"
	checkerOff      = "false"
)

// checkerValues is why a -checker value is refused (in the catalogue).
const checkerValues = "give embedded, source or false"

func newCheckerFlag() *checkerFlag { return &checkerFlag{mode: checkerEmbedded} }

func (c *checkerFlag) String() string {
	if c == nil || c.mode == "" {
		return checkerEmbedded
	}
	return c.mode
}

func (c *checkerFlag) Set(v string) error {
	switch v {
	case "true", "1", "t", "embedded":
		c.mode = checkerEmbedded
	case "false", "0", "f", "off":
		c.mode = checkerOff
	case "source", "src":
		c.mode = checkerSource
	default:
		return errors.New(checkerValues)
	}
	return nil
}

func (c *checkerFlag) IsBoolFlag() bool { return true }

const checkerUsage = "where the interactive checker comes from: built into tebiki (the default; no Go needed), -checker=source compiles wasm/ with Go (development), -checker=false leaves it out"

// option returns site.Options.Checker for the project at src, or an error
// for the user. With the embedded checker it notes on stderr when the
// project's own wasm/ differs from it (a developer changed the core).
func (c *checkerFlag) option(src string, stderr io.Writer) (string, error) {
	switch c.String() {
	case checkerOff:
		return "", nil
	case checkerSource:
		root := checkerRoot(src)
		if root == "" {
			return "", fmt.Errorf("-checker=source: no wasm/ sources in %s or the current folder", src)
		}
		if _, err := exec.LookPath("go"); err != nil {
			return "", fmt.Errorf("-checker=source compiles wasm/ and needs the Go toolchain on PATH; without it, leave -checker out: tebiki carries the checker")
		}
		return root, nil
	}
	if wasmbuild.Available(src) {
		m, err1 := wasmbuild.EmbeddedManifest()
		h, err2 := wasmbuild.SourceHash(src)
		if err1 == nil && err2 == nil && h != m.Sources {
			fmt.Fprintf(stderr, "tebiki: note: %s/wasm differs from the checker built into this tebiki, which the site gets; -checker=source compiles wasm/ instead, and %s updates the built-in one\n", src, wasmbuild.RegenerateCommand)
		}
	}
	return site.EmbeddedChecker, nil
}
