package main

import (
	"os"
	"time"

	"github.com/tebiki/tebiki/generator/internal/site"
	"github.com/tebiki/tebiki/wasm/decide"
)

// clock tells the time; tests set it to an instant of their choice.
var clock = time.Now

// today is the date now in the time zone of the site at src (tebiki.yaml,
// default Asia/Tokyo), whatever the zone of this computer.
func today(src string) decide.Date {
	return site.Today(os.DirFS(src), clock)
}
