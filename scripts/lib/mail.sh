# shellcheck shell=bash
# Private, throw-away mail servers for the tests: Postfix (SMTP) delivering into Maildirs that
# Dovecot (IMAP) serves, both started by hand from configuration in a fresh temporary directory,
# listening on 127.0.0.1 only on free ports, with a self-signed CA and server certificate for TLS.
# Stopped and deleted on exit. Needs lib/common.sh and root (Postfix's master runs as root, and
# Dovecot switches to the mail user): without root nothing starts and the mail tests skip.
#
# Mailboxes: customer@, support@ and desk@example.test, password $KEFU_MAIL_PASSWORD. Mail to
# any other address at example.test is refused with 550 (for the tests of permanent failures).
#
#   kefu_mail_install_packages   installs postfix, dovecot-imapd and openssl when missing
#   kefu_mail_start              starts both and exports
#     KEFU_TEST_SMTP_URL   smtp://127.0.0.1:PORT         (STARTTLS offered, no AUTH)
#     KEFU_TEST_SMTPS_URL  smtps://127.0.0.1:PORT        (TLS from the start)
#     KEFU_TEST_SMTP_AUTH_URL        smtp://support%40example.test:PASSWORD@127.0.0.1:PORT
#                                    (STARTTLS required, then AUTH required)
#     KEFU_TEST_SMTP_PLAIN_AUTH_URL  the same user on a port without TLS (AUTH required)
#     KEFU_TEST_IMAP_URL   imap://customer%40example.test:PASSWORD@127.0.0.1:PORT/INBOX (STARTTLS offered)
#     KEFU_TEST_IMAPS_URL  the same over imaps://
#     KEFU_TEST_IMAP_SUPPORT_URL     support@example.test's mailbox over imap:// (the business's)
#     KEFU_TEST_IMAP_DESK_URL        desk@example.test's mailbox over imap://, polled by the `kefu serve` of the
#                                    end-to-end test alone (it takes every unseen mail, so it needs a box of its own)
#     KEFU_TEST_MAIL_CA    the CA certificate (PEM) that signed both servers' certificate
#     KEFU_TEST_MAIL_PASSWORD, KEFU_TEST_MAIL_DIR (the Maildirs: DIR/ADDRESS/Maildir)

KEFU_MAIL_DIR=''
KEFU_MAIL_PASSWORD=''
# The system user that owns the Maildirs; the Postfix virtual agent and Dovecot both act as it.
KEFU_MAIL_UID=65534
KEFU_MAIL_GID=65534

kefu_mail_install_packages() {
    local missing=()
    command -v postfix >/dev/null 2>&1 || missing+=(postfix)
    [[ -x /usr/sbin/dovecot && -x /usr/lib/dovecot/imap ]] || missing+=(dovecot-imapd)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    if [[ ${#missing[@]} -eq 0 ]]; then
        kefu_info "mail servers: all present (postfix, dovecot-imapd, openssl)"
        return 0
    fi
    kefu_info "installing with apt: ${missing[*]}"
    local log
    log=$(mktemp "${TMPDIR:-/tmp}/kefu-apt-mail.XXXXXX.log")
    export DEBIAN_FRONTEND=noninteractive
    # No system configuration: only the private instances below run, never a system service.
    echo 'postfix postfix/main_mailer_type select No configuration' | _kefu_as_root debconf-set-selections
    if ! { _kefu_as_root apt-get -qq -o Dpkg::Use-Pty=0 update \
        && _kefu_as_root apt-get -y -qq -o Dpkg::Use-Pty=0 --no-install-recommends install "${missing[@]}"; } \
        >"$log" 2>&1; then
        kefu_show_log "$log" "apt-get install (mail)"
        kefu_die "apt-get install ${missing[*]} failed"
    fi
    rm -f "$log"
}

# A CA and a server certificate for 127.0.0.1 and localhost, signed by it.
_kefu_mail_certificates() {  # DIR
    local dir=$1
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=Kefu test mail CA' \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj '/CN=localhost' \
        -keyout "$dir/server.key" -out "$dir/server.csr" >/dev/null 2>&1
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' >"$dir/server.ext"
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 2 -extfile "$dir/server.ext" -out "$dir/server.crt" >/dev/null 2>&1
    chmod 644 "$dir/server.crt" "$dir/ca.crt"
}

_kefu_mail_dovecot_config() {  # IMAP_PORT IMAPS_PORT
    local dir=$KEFU_MAIL_DIR
    cat >"$dir/dovecot/dovecot.conf" <<EOF
base_dir = $dir/dovecot/run
state_dir = $dir/dovecot/state
log_path = $dir/dovecot/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <$dir/server.crt
ssl_key = <$dir/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:$dir/mail/%u/Maildir
first_valid_uid = $KEFU_MAIL_UID
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/dovecot/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $dir/dovecot/users
}
# Postfix asks Dovecot to check SMTP AUTH passwords through this socket.
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $1
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $2
    ssl = yes
  }
}
EOF
    local address
    for address in customer@example.test support@example.test desk@example.test; do
        printf '%s:{PLAIN}%s:%s:%s::%s::\n' "$address" "$KEFU_MAIL_PASSWORD" "$KEFU_MAIL_UID" "$KEFU_MAIL_GID" \
            "$dir/mail/$address" >>"$dir/dovecot/users"
    done
}

_kefu_mail_postfix_config() {  # SMTP_PORT SMTPS_PORT SUBMISSION_PORT PLAIN_PORT
    local dir=$KEFU_MAIL_DIR pf=$KEFU_MAIL_DIR/postfix
    cat >"$pf/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $pf/queue
data_directory = $pf/data
maillog_file = $pf/postfix.log
maillog_file_prefixes = $KEFU_MAIL_DIR
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.example.test
mydomain = example.test
myorigin = example.test
mydestination =
mynetworks = 127.0.0.0/8
relay_domains =
alias_maps =
alias_database =
smtpd_recipient_restrictions = permit_mynetworks, reject_unauth_destination
smtputf8_enable = yes
virtual_mailbox_domains = example.test
virtual_mailbox_base = $dir/mail
virtual_mailbox_maps = texthash:$pf/mailboxes
virtual_uid_maps = static:$KEFU_MAIL_UID
virtual_gid_maps = static:$KEFU_MAIL_GID
smtpd_tls_cert_file = $dir/server.crt
smtpd_tls_key_file = $dir/server.key
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = $dir/dovecot/run/auth-postfix
EOF
    # Every service runs unchrooted: the queue is a temporary directory, not a prepared jail.
    cat >"$pf/master.cf" <<EOF
127.0.0.1:$1 inet n - n - - smtpd
127.0.0.1:$2 inet n - n - - smtpd -o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt
127.0.0.1:$3 inet n - n - - smtpd -o smtpd_tls_security_level=encrypt -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
127.0.0.1:$4 inet n - n - - smtpd -o smtpd_tls_security_level=none -o smtpd_sasl_auth_enable=yes
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
cleanup   unix n - n - 0 cleanup
qmgr      unix n - n 300 1 qmgr
tlsmgr    unix - - n 1000? 1 tlsmgr
rewrite   unix - - n - - trivial-rewrite
bounce    unix - - n - 0 bounce
defer     unix - - n - 0 bounce
trace     unix - - n - 0 bounce
verify    unix - - n - 1 verify
flush     unix n - n 1000? 0 flush
proxymap  unix - - n - - proxymap
smtp      unix - - n - - smtp
relay     unix - - n - - smtp
error     unix - - n - - error
retry     unix - - n - - error
discard   unix - - n - - discard
virtual   unix - n n - - virtual
anvil     unix - - n - 1 anvil
scache    unix - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
EOF
    printf '%s %s/Maildir/\n' customer@example.test customer@example.test support@example.test support@example.test \
        desk@example.test desk@example.test \
        >"$pf/mailboxes"
}

kefu_mail_start() {
    if [[ $EUID -ne 0 ]]; then
        kefu_warn "not root: no mail servers (Postfix's master and Dovecot need root); the mail tests skip"
        return 0
    fi
    kefu_tmpdir KEFU_MAIL_DIR kefu-mail
    chmod 755 "$KEFU_MAIL_DIR"
    mkdir -p "$KEFU_MAIL_DIR/mail" "$KEFU_MAIL_DIR/dovecot" "$KEFU_MAIL_DIR/postfix/queue" "$KEFU_MAIL_DIR/postfix/data"
    chown "$KEFU_MAIL_UID:$KEFU_MAIL_GID" "$KEFU_MAIL_DIR/mail"
    chown postfix: "$KEFU_MAIL_DIR/postfix/data"
    KEFU_MAIL_PASSWORD=$(kefu_random_password)
    _kefu_mail_certificates "$KEFU_MAIL_DIR"

    local smtp smtps submission plain imap imaps
    smtp=$(kefu_free_port) smtps=$(kefu_free_port) submission=$(kefu_free_port) plain=$(kefu_free_port)
    imap=$(kefu_free_port) imaps=$(kefu_free_port)
    _kefu_mail_dovecot_config "$imap" "$imaps"
    _kefu_mail_postfix_config "$smtp" "$smtps" "$submission" "$plain"

    kefu_on_exit "_kefu_mail_stop"
    if ! dovecot -c "$KEFU_MAIL_DIR/dovecot/dovecot.conf" >"$KEFU_MAIL_DIR/dovecot/start.log" 2>&1; then
        kefu_show_log "$KEFU_MAIL_DIR/dovecot/start.log" "dovecot start"
        kefu_show_log "$KEFU_MAIL_DIR/dovecot/dovecot.log" "dovecot.log"
        kefu_die "could not start Dovecot"
    fi
    if ! postfix -c "$KEFU_MAIL_DIR/postfix" start >"$KEFU_MAIL_DIR/postfix/start.log" 2>&1; then
        kefu_show_log "$KEFU_MAIL_DIR/postfix/start.log" "postfix start"
        kefu_show_log "$KEFU_MAIL_DIR/postfix/postfix.log" "postfix.log"
        kefu_die "could not start Postfix"
    fi
    local port
    for port in "$smtp" "$smtps" "$submission" "$plain" "$imap" "$imaps"; do
        _kefu_mail_wait_port "$port" || kefu_die "nothing listens on 127.0.0.1:$port after starting the mail servers"
    done

    export KEFU_TEST_SMTP_URL="smtp://127.0.0.1:$smtp"
    export KEFU_TEST_SMTPS_URL="smtps://127.0.0.1:$smtps"
    export KEFU_TEST_SMTP_AUTH_URL="smtp://support%40example.test:$KEFU_MAIL_PASSWORD@127.0.0.1:$submission"
    export KEFU_TEST_SMTP_PLAIN_AUTH_URL="smtp://support%40example.test:$KEFU_MAIL_PASSWORD@127.0.0.1:$plain"
    export KEFU_TEST_IMAP_URL="imap://customer%40example.test:$KEFU_MAIL_PASSWORD@127.0.0.1:$imap/INBOX"
    export KEFU_TEST_IMAPS_URL="imaps://customer%40example.test:$KEFU_MAIL_PASSWORD@127.0.0.1:$imaps/INBOX"
    export KEFU_TEST_IMAP_SUPPORT_URL="imap://support%40example.test:$KEFU_MAIL_PASSWORD@127.0.0.1:$imap/INBOX"
    export KEFU_TEST_IMAP_DESK_URL="imap://desk%40example.test:$KEFU_MAIL_PASSWORD@127.0.0.1:$imap/INBOX"
    export KEFU_TEST_MAIL_CA="$KEFU_MAIL_DIR/ca.crt"
    export KEFU_TEST_MAIL_PASSWORD=$KEFU_MAIL_PASSWORD
    export KEFU_TEST_MAIL_DIR="$KEFU_MAIL_DIR/mail"
    kefu_info "Postfix $(postconf -d -h mail_version 2>/dev/null) on 127.0.0.1:$smtp (smtps $smtps)," \
        "Dovecot $(dovecot --version | cut -d' ' -f1) on 127.0.0.1:$imap (imaps $imaps), in $KEFU_MAIL_DIR"
}

_kefu_mail_wait_port() {  # PORT
    local i
    for (( i = 0; i < 100; i++ )); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

_kefu_mail_stop() {
    [[ -n $KEFU_MAIL_DIR ]] || return 0
    [[ ! -f $KEFU_MAIL_DIR/postfix/main.cf ]] || postfix -c "$KEFU_MAIL_DIR/postfix" stop >/dev/null 2>&1 || true
    [[ ! -f $KEFU_MAIL_DIR/dovecot/dovecot.conf ]] || dovecot -c "$KEFU_MAIL_DIR/dovecot/dovecot.conf" stop >/dev/null 2>&1 || true
}
