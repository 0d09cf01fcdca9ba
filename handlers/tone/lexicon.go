package tone

import (
	"strings"
	"sync"
)

// wordSet builds a lookup set from a space-separated list.
func wordSet(list string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(list) {
		m[w] = true
	}
	return m
}

// acronyms are capitalised words that are names, not shouting.
var acronyms = sync.OnceValue(func() map[string]bool {
	return wordSet(`API APIS HTTP HTTPS JSON YAML TOML XML HTML CSS SQL URL URLS URI ID IDS UUID
		CI CD PR PRS LGTM TODO TODOS FIXME XXX NB FYI IMO IMHO AFAIK TBD WIP NIT OK CPU GPU RAM
		IO TLS SSL SSH DNS TCP UDP IP AWS GCP GCS OS CLI SDK UI UX DB GC JVM JS TS UTF BOM RFC
		ERROR WARN WARNING INFO DEBUG TRACE FATAL PANIC EOF OOM PID CSV PDF PNG SVG MB GB KB TB
		MIB GIB KIB NS MS QA SLA SLO SRE VM VMS K8S ACL ACK NACK JWT OIDC SAML CORS CSRF XSS REST
		RPC GRPC CRUD ORM MVP POC ETA EOD TL DR TLDR ASAP AKA EG IE GET POST PUT PATCH DELETE HEAD
		SELECT FROM WHERE JOIN LEFT RIGHT INNER OUTER INSERT UPDATE NULL AND OR ORDER BY GROUP
		MUST SHOULD SHALL MAY REQUIRED RECOMMENDED OPTIONAL PS README LICENSE CHANGELOG MIT GPL
		BSD NPM PIP GO RSS SMTP IMAP LDAP SAN CA CRL CVE GDPR PII ARM AMD USB LTS`)
})

// shoutWords are caps words that shout even alone, with their weight.
var shoutWords = sync.OnceValue(func() map[string]float64 {
	m := map[string]float64{}
	for w := range wordSet(`WHY NEVER STOP DON'T TOLD SAID AGAIN EVER`) {
		m[w] = 0.5
	}
	for w := range wordSet(`NOT READ WRONG WHAT`) {
		m[w] = 0.4
	}
	return m
})

// verdictWords make a dismissive one-word (or few-word) verdict when a
// sentence holds nothing else.
var verdictWords = sync.OnceValue(func() map[string]bool {
	return wordSet(`no nope nah wrong bad ugh meh ew eww yuck gross nonsense unacceptable rejected
		terrible awful horrible useless pointless sloppy incompetent never seriously really sigh
		lol lmao rofl wtf just now absolutely not even close try again hell way again
		disappointing embarrassing ridiculous garbage trash wow`)
})

// verdictCore are the words of which a verdict must hold at least one, so
// "just now" or "not again" alone don't count but "No." does.
var verdictCore = sync.OnceValue(func() map[string]bool {
	return wordSet(`no nope nah wrong bad ugh meh ew eww yuck gross nonsense unacceptable rejected
		terrible awful horrible useless pointless sloppy incompetent never seriously sigh lol lmao
		rofl wtf close try disappointing embarrassing ridiculous garbage trash now wow`)
})

// imperatives are verbs that open an order.
var imperatives = sync.OnceValue(func() map[string]bool {
	return wordSet(`fix remove delete revert rewrite change stop don't do undo get start use move
		rename drop put add make redo try go read learn replace kill cut split take throw`)
})

// labels are Conventional Comments labels; a labelled comment is framed,
// not an order.
var labels = sync.OnceValue(func() map[string]bool {
	return wordSet(`nit nitpick suggestion issue question praise thought chore note todo typo
		minor optional polish quibble`)
})
