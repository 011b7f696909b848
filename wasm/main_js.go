//go:build js && wasm

// Command wasm is the browser shell over the decision core: it exposes the
// core to the page's checker script as one global object, tebikiCore, and
// does nothing else. Every argument and every result is a string in the
// core's wire format (see wasm/decide/wire.go), which the script reads with
// JSON.parse; the shell only passes strings across.
//
// JavaScript API (errors come back as {"error": "message"}, never as
// exceptions):
//
//	tebikiCore.load(rules) -> {"handle": n}
//	    rules: the procedure's wire form, as the generator embeds it in the
//	    guide page (decide.EncodeProcedure).
//	tebikiCore.step(handle, fragment) -> step
//	    fragment: answers as the page address records them ("#check=q:a,…"),
//	    any text at all (decide.ParseFragment); the step lists the answers
//	    kept, and the next question or the outcome (decide.Step).
//	tebikiCore.expiry(printed, issued, birthday, stayUntil, today, months) -> expiry
//	    dates as YYYY-MM-DD or ""; status is too_early, open or expired
//	    (decide.ExpiryStep).
//
// It deliberately avoids encoding/json and fmt: what this package imports is
// what every resident downloads. Of Tebiki's packages it imports the core
// only; never jatext (kagome) nor anything else of the generator (enforced
// by package layers).
package main

import (
	"strconv"
	"syscall/js"

	"github.com/tebiki/tebiki/wasm/decide"
)

var procs []*decide.Procedure

func main() {
	api := js.Global().Get("Object").New()
	api.Set("load", js.FuncOf(load))
	api.Set("step", js.FuncOf(step))
	api.Set("expiry", js.FuncOf(expiry))
	js.Global().Set("tebikiCore", api)
	if ready := js.Global().Get("tebikiCoreReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

func errJSON(msg string) string { return decide.Step{Error: msg}.Encode() }

// strings checks that args are n strings.
func stringArgs(args []js.Value, n int) ([]string, bool) {
	if len(args) != n {
		return nil, false
	}
	out := make([]string, n)
	for i, a := range args {
		if a.Type() != js.TypeString {
			return nil, false
		}
		out[i] = a.String()
	}
	return out, true
}

// load decodes a procedure and returns its handle.
func load(this js.Value, args []js.Value) any {
	s, ok := stringArgs(args, 1)
	if !ok {
		return errJSON("load(rules): rules must be a string")
	}
	p, err := decide.DecodeProcedure(s[0])
	if err != nil {
		return errJSON(err.Error())
	}
	procs = append(procs, p)
	return `{"handle":` + strconv.Itoa(len(procs)-1) + `}`
}

func step(this js.Value, args []js.Value) any {
	if len(args) != 2 || args[0].Type() != js.TypeNumber || args[1].Type() != js.TypeString {
		return errJSON("step(handle, fragment): want a handle from load and a string")
	}
	h := args[0].Int()
	if h < 0 || h >= len(procs) {
		return errJSON("step: unknown handle")
	}
	return procs[h].Step(args[1].String()).Encode()
}

func expiry(this js.Value, args []js.Value) any {
	if len(args) != 6 || args[5].Type() != js.TypeNumber {
		return errJSON("expiry(printed, issued, birthday, stayUntil, today, months): want five strings and a number")
	}
	s, ok := stringArgs(args[:5], 5)
	if !ok {
		return errJSON("expiry: the dates must be strings")
	}
	return decide.ExpiryStepOf(s[0], s[1], s[2], s[3], s[4], args[5].Int()).Encode()
}
