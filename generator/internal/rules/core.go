package rules

import (
	"github.com/tebiki/tebiki/generator/internal/diag"
	"github.com/tebiki/tebiki/wasm/decide"
)

// CoreText is the message of an error of the decision core, keyed as the
// catalogue of messages keys it.
func CoreText(e *decide.Error) diag.Text {
	if e.Format == "" {
		return diag.T("%s", e.Msg)
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		args[i] = a
	}
	return diag.T(e.Format, args...)
}

// coreError is err as a message: for an error of the decision core, its
// position and its message.
func coreError(err error) any {
	if e, ok := err.(*decide.Error); ok {
		return diag.T("%s: %s", e.Pos.String(), CoreText(e))
	}
	return err
}

// fromCore and toCore are the one place where positions cross between
// the core's decide.Pos (the core imports nothing of the generator) and
// diag.Pos (which imports nothing of Tebiki's); the two have the same
// fields.
func fromCore(p decide.Pos) diag.Pos { return diag.Pos{File: p.File, Line: p.Line, Col: p.Col} }
func toCore(p diag.Pos) decide.Pos   { return decide.Pos{File: p.File, Line: p.Line, Col: p.Col} }
