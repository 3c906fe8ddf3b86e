<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name></name>
    <message>
        <source>Welcome to Relay Wizard</source>
        <translation>Willkommen bei Relay Wizard</translation>
    </message>
    <message>
        <source>Let staff send mail through your mail server from anywhere, safely.</source>
        <translation>Lassen Sie Ihre Mitarbeiter von überall sicher Mail über Ihren Mailserver versenden.</translation>
    </message>
    <message>
        <source>Connect to the server</source>
        <translation>Mit dem Server verbinden</translation>
    </message>
    <message>
        <source>Relay Wizard logs in over SSH as root or as a user with sudo.</source>
        <translation>Relay Wizard meldet sich per SSH als root oder als Benutzer mit sudo an.</translation>
    </message>
    <message>
        <source>Server check</source>
        <translation>Serverprüfung</translation>
    </message>
    <message>
        <source>What is on the server now, and what it means for a safe relay.</source>
        <translation>Was jetzt auf dem Server ist und was das für ein sicheres Relay bedeutet.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>How staff will log in. The checks below update as you change options.</source>
        <translation>Wie sich die Mitarbeiter anmelden. Die Prüfungen unten folgen Ihren Änderungen.</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Überprüfen</translation>
    </message>
    <message>
        <source>What changes for staff and for strangers. Nothing is written until you press Apply and confirm; a failure puts everything back by itself.</source>
        <translation>Was sich für Mitarbeiter und für Fremde ändert. Es wird nichts geschrieben, bevor Sie „Anwenden“ drücken und bestätigen; ein Fehler stellt alles von selbst wieder her.</translation>
    </message>
    <message>
        <source>Backing up, writing, checking, reloading, verifying from outside.</source>
        <translation>Sichern, schreiben, kontrollieren, neu laden, von außen prüfen.</translation>
    </message>
    <message>
        <source>The accounts staff log in with (SASL users of the mail server).</source>
        <translation>Die Konten, mit denen sich die Mitarbeiter anmelden (SASL-Benutzer des Mailservers).</translation>
    </message>
    <message>
        <source>What was achieved, and what is left to do.</source>
        <translation>Was erreicht wurde und was noch zu tun ist.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Mail accounts</source>
        <translation>Mailkonten</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Send a real message through the server as staff would, and prove that strangers cannot.</source>
        <translation>Eine echte Nachricht über den Server senden, wie es die Mitarbeiter tun, und zeigen, dass Fremde es nicht können.</translation>
    </message>
    <message>
        <source>Client settings</source>
        <translation>Einstellungen für Mailprogramme</translation>
    </message>
    <message>
        <source>What staff enter in their mail programs: exactly what was verified.</source>
        <translation>Was die Mitarbeiter in ihre Mailprogramme eintragen: genau das, was geprüft wurde.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Handout for staff (HTML)</source>
        <translation>Merkblatt für die Mitarbeiter (HTML)</translation>
    </message>
    <message>
        <source>Handout for staff (PDF)</source>
        <translation>Merkblatt für die Mitarbeiter (PDF)</translation>
    </message>
    <message>
        <source>Thunderbird autoconfig (config-v1.1.xml)</source>
        <translation>Thunderbird-Autokonfiguration (config-v1.1.xml)</translation>
    </message>
    <message>
        <source>Apple Mail profile (.mobileconfig)</source>
        <translation>Apple-Mail-Profil (.mobileconfig)</translation>
    </message>
    <message>
        <source>msmtp</source>
        <translation>msmtp</translation>
    </message>
    <message>
        <source>mutt / neomutt</source>
        <translation>mutt / neomutt</translation>
    </message>
    <message>
        <source>DNS SRV records</source>
        <translation>DNS-SRV-Einträge</translation>
    </message>
</context>
<context>
    <name>ApplyPage</name>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>&amp;Details anzeigen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>S&amp;top and roll back</source>
        <translation>Anha&amp;lten und zurücknehmen</translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>&amp;Details ausblenden</translation>
    </message>
    <message>
        <source>Stopping: the server is being put back as it was. Please wait.</source>
        <translation>Anhalten: Der Server wird wie vorher wiederhergestellt. Bitte warten.</translation>
    </message>
    <message>
        <source>Cancelling: the server will be rolled back.</source>
        <translation>Abbruch: Der Server wird auf den vorigen Stand zurückgesetzt.</translation>
    </message>
    <message>
        <source>Stopped here</source>
        <translation>Hier angehalten</translation>
    </message>
    <message>
        <source>Putting the server back as it was</source>
        <translation>Server wird wie vorher wiederhergestellt</translation>
    </message>
    <message>
        <source>ok: %1</source>
        <translation>ok: %1</translation>
    </message>
    <message>
        <source>ok: %1: %2</source>
        <translation>ok: %1: %2</translation>
    </message>
    <message>
        <source>FAILED: %1</source>
        <translation>FEHLGESCHLAGEN: %1</translation>
    </message>
    <message>
        <source>FAILED: %1: %2</source>
        <translation>FEHLGESCHLAGEN: %1: %2</translation>
    </message>
    <message>
        <source>rollback: ok: %1</source>
        <translation>Zurücknahme: ok: %1</translation>
    </message>
    <message>
        <source>rollback: ok: %1: %2</source>
        <translation>Zurücknahme: ok: %1: %2</translation>
    </message>
    <message>
        <source>rollback: FAILED: %1</source>
        <translation>Zurücknahme: FEHLGESCHLAGEN: %1</translation>
    </message>
    <message>
        <source>rollback: FAILED: %1: %2</source>
        <translation>Zurücknahme: FEHLGESCHLAGEN: %1: %2</translation>
    </message>
    <message>
        <source>The change did not complete and putting the server back did not finish either: the server may be half-changed. Connect again and apply again (it finishes putting things back first), or use Undo on the Mail accounts page.</source>
        <translation>Die Änderung wurde nicht abgeschlossen, und auch das Wiederherstellen wurde nicht fertig: Der Server ist womöglich halb geändert. Verbinden Sie sich erneut und wenden Sie die Änderung erneut an (dabei wird zuerst die Wiederherstellung abgeschlossen), oder nutzen Sie „Rückgängig“ auf der Seite Mailkonten.</translation>
    </message>
    <message>
        <source>Stopped before anything was changed: the server is as it was.</source>
        <translation>Angehalten, bevor etwas geändert wurde: Der Server ist wie vorher.</translation>
    </message>
    <message>
        <source>The change could not start: %1 Nothing was changed on the server.</source>
        <translation>Die Änderung konnte nicht beginnen: %1 Auf dem Server wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Go Back to review the changes or to change the settings.</source>
        <translation>Gehen Sie zurück, um die Änderungen zu überprüfen oder die Einstellungen zu ändern.</translation>
    </message>
    <message>
        <source>Put the server back as it was</source>
        <translation>Server wie vorher wiederhergestellt</translation>
    </message>
    <message>
        <source>Stopped. Everything was put back: the server is as it was before, and Postfix runs with its previous configuration.</source>
        <translation>Angehalten. Alles wurde wiederhergestellt: Der Server ist wie vorher, und Postfix läuft mit seiner bisherigen Konfiguration.</translation>
    </message>
    <message>
        <source>Stopped. Everything was put back: the server is as it was before, and sendmail runs with its previous configuration.</source>
        <translation>Angehalten. Alles wurde wiederhergestellt: Der Server ist wie vorher, und sendmail läuft mit seiner bisherigen Konfiguration.</translation>
    </message>
    <message>
        <source>The change did not work, so everything was put back: the server is as it was before, and Postfix runs with its previous configuration.</source>
        <translation>Die Änderung hat nicht funktioniert, daher wurde alles wiederhergestellt: Der Server ist wie vorher, und Postfix läuft mit seiner bisherigen Konfiguration.</translation>
    </message>
    <message>
        <source>The change did not work, so everything was put back: the server is as it was before, and sendmail runs with its previous configuration.</source>
        <translation>Die Änderung hat nicht funktioniert, daher wurde alles wiederhergestellt: Der Server ist wie vorher, und sendmail läuft mit seiner bisherigen Konfiguration.</translation>
    </message>
    <message>
        <source>What went wrong: %1</source>
        <translation>Was schiefging: %1</translation>
    </message>
    <message>
        <source>Nothing to do: the server already had this configuration.</source>
        <translation>Nichts zu tun: Der Server hatte diese Konfiguration schon.</translation>
    </message>
    <message>
        <source>Applied and verified from outside: staff can log in and send through the server, and strangers still cannot relay.</source>
        <translation>Angewendet und von außen geprüft: Die Mitarbeiter können sich anmelden und über den Server senden, und Fremde können weiterhin nicht weiterleiten.</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>Implicit TLS: nothing is said before TLS.</source>
        <translation>Implizites TLS: Vor TLS wird nichts gesagt.</translation>
    </message>
    <message>
        <source>{mechanisms} offered before TLS: passwords could cross the network in clear.</source>
        <translation>{mechanisms} vor TLS angeboten: Passwörter könnten unverschlüsselt durchs Netz gehen.</translation>
    </message>
    <message>
        <source>PLAIN is not offered before TLS, but a PLAIN login was checked anyway ({reply}).</source>
        <translation>PLAIN wird vor TLS nicht angeboten, aber eine PLAIN-Anmeldung wurde trotzdem geprüft ({reply}).</translation>
    </message>
    <message>
        <source>No PLAIN/LOGIN before TLS (offered: {offered}; AUTH PLAIN answered {code}).</source>
        <translation>Kein PLAIN/LOGIN vor TLS (angeboten: {offered}; AUTH PLAIN antwortete {code}).</translation>
    </message>
    <message>
        <source>AUTH PLAIN before TLS answered {reply}.</source>
        <translation>AUTH PLAIN vor TLS antwortete {reply}.</translation>
    </message>
    <message>
        <source>The server offers no AUTH mechanism this client speaks here ({offered}): no login to try.</source>
        <translation>Der Server bietet hier kein AUTH-Verfahren an, das dieser Client spricht ({offered}): Es gibt keine Anmeldung zu versuchen.</translation>
    </message>
    <message>
        <source>A wrong password for {user} ({mechanism}) got {reply}.</source>
        <translation>Ein falsches Passwort für {user} ({mechanism}) erhielt {reply}.</translation>
    </message>
    <message>
        <source>A WRONG password for {user} was accepted ({mechanism}): {reply}.</source>
        <translation>Ein FALSCHES Passwort für {user} wurde angenommen ({mechanism}): {reply}.</translation>
    </message>
    <message>
        <source>A wrong password for {user} ({mechanism}) got {reply}, not 535.</source>
        <translation>Ein falsches Passwort für {user} ({mechanism}) erhielt {reply}, nicht 535.</translation>
    </message>
    <message>
        <source>The server&apos;s AuthOptions lack &apos;p&apos;: its config allows PLAIN/LOGIN without TLS.</source>
        <translation>Den AuthOptions des Servers fehlt &apos;p&apos;: Seine Konfiguration erlaubt PLAIN/LOGIN ohne TLS.</translation>
    </message>
    <message>
        <source>reconnecting failed: {reason}</source>
        <translation>erneutes Verbinden fehlgeschlagen: {reason}</translation>
    </message>
    <message>
        <source>the server closed the connection at this trick twice</source>
        <translation>der Server hat bei diesem Trick zweimal die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>No account name was given, so a wrong password was not tried.</source>
        <translation>Es wurde kein Kontoname angegeben, daher wurde kein falsches Passwort versucht.</translation>
    </message>
    <message>
        <source>The connection was gone after the tricks; the login was not tried.</source>
        <translation>Nach den Tricks bestand keine Verbindung mehr; die Anmeldung wurde nicht versucht.</translation>
    </message>
    <message>
        <source>A wrong password</source>
        <translation>Ein falsches Passwort</translation>
    </message>
    <message>
        <source>No readable password before encryption</source>
        <translation>Kein lesbares Passwort vor der Verschlüsselung</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>not tried</source>
        <translation>nicht versucht</translation>
    </message>
    <message>
        <source>no clear answer</source>
        <translation>keine klare Antwort</translation>
    </message>
    <message>
        <source>refused (good)</source>
        <translation>abgewiesen (gut)</translation>
    </message>
    <message>
        <source>ACCEPTED: the server would relay this for a stranger</source>
        <translation>ANGENOMMEN: Der Server würde dies für einen Fremden weiterleiten</translation>
    </message>
    <message>
        <source>answered &quot;try later&quot;: proves nothing</source>
        <translation>antwortete „später versuchen“: beweist nichts</translation>
    </message>
    <message>
        <source>The server presented a certificate from {issuer} for {names}, valid until {expires}.</source>
        <translation>Der Server zeigte ein Zertifikat von {issuer} für {names}, gültig bis {expires}.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate expired on {expires}: renew it.</source>
        <translation>Das Zertifikat des Servers ist am {expires} abgelaufen: Erneuern Sie es.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate expires in {days} day(s), on {expires}: renew it before then.</source>
        <translation>Das Zertifikat des Servers läuft in {days} Tag(en) ab, am {expires}: Erneuern Sie es vorher.</translation>
    </message>
    <message>
        <source>{what} (answered {code})</source>
        <translation>{what} (Antwort {code})</translation>
    </message>
    <message>
        <source>The {count} ways of relaying without a login that were tried:</source>
        <translation>Die {count} versuchten Wege, ohne Anmeldung weiterzuleiten:</translation>
    </message>
    <message>
        <source>{number}. {what}: {outcome}.</source>
        <translation>{number}. {what}: {outcome}.</translation>
    </message>
    <message>
        <source>Tried: MAIL FROM:&lt;{sender}&gt; RCPT TO:&lt;{recipient}&gt;; {answer}.</source>
        <translation>Versucht: MAIL FROM:&lt;{sender}&gt; RCPT TO:&lt;{recipient}&gt;; {answer}.</translation>
    </message>
    <message>
        <source>the server answered {reply}</source>
        <translation>der Server antwortete {reply}</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>{check}: {status}: {detail}</source>
        <translation>{check}: {status}: {detail}</translation>
    </message>
    <message>
        <source>{host} port {port} is closed to relaying: all {count} relay tricks without login were refused.</source>
        <translation>{host} Port {port} ist für Relaying geschlossen: Alle {count} Relay-Tricks ohne Anmeldung wurden abgewiesen.</translation>
    </message>
    <message>
        <source>{host} port {port}: the audit is incomplete: {unproven} of {count} relay tricks got no final answer ({reasons}); none was accepted.</source>
        <translation>{host} Port {port}: Die Prüfung ist unvollständig: {unproven} von {count} Relay-Tricks erhielten keine endgültige Antwort ({reasons}); keiner wurde angenommen.</translation>
    </message>
    <message>
        <source>{host} port {port}: the audit is incomplete: {unproven} of {count} relay tricks got no final answer (no answer); none was accepted.</source>
        <translation>{host} Port {port}: Die Prüfung ist unvollständig: {unproven} von {count} Relay-Tricks erhielten keine endgültige Antwort (keine Antwort); keiner wurde angenommen.</translation>
    </message>
    <message>
        <source>{host} port {port} relays without login for this client: {accepted} of {count} relay tricks accepted: {tricks}.</source>
        <translation>{host} Port {port} leitet für diesen Client ohne Anmeldung weiter: {accepted} von {count} Relay-Tricks angenommen: {tricks}.</translation>
    </message>
    <message>
        <source>The server&apos;s config explains it: {settings}.</source>
        <translation>Die Konfiguration des Servers erklärt es: {settings}.</translation>
    </message>
    <message>
        <source>A conclusive test needs a client the server does not trust: run the audit from a host outside what those entries cover (on another network, or the Internet), or remove the entries for the time of the test.</source>
        <translation>Ein eindeutiger Test braucht einen Client, dem der Server nicht vertraut: Führen Sie die Prüfung von einem Rechner außerhalb dessen aus, was diese Einträge abdecken (in einem anderen Netz oder im Internet), oder entfernen Sie die Einträge für die Dauer des Tests.</translation>
    </message>
    <message>
        <source>The server&apos;s config was not read (no SSH): if it trusts {address} (access db Connect: RELAY, relay-domains), run the audit from a host outside those networks to be sure.</source>
        <translation>Die Konfiguration des Servers wurde nicht gelesen (kein SSH): Falls er {address} vertraut (access db Connect: RELAY, relay-domains), führen Sie die Prüfung zur Sicherheit von einem Rechner außerhalb dieser Netze aus.</translation>
    </message>
    <message>
        <source>The tricks accepted are expected from this vantage point, not proof of an open relay: the server&apos;s config trusts this client, {client}, to relay: {entries}. {hint}</source>
        <translation>Die angenommenen Tricks sind von diesem Standort aus zu erwarten und kein Beweis für ein offenes Relay: Die Konfiguration des Servers erlaubt diesem Client, {client}, das Weiterleiten: {entries}. {hint}</translation>
    </message>
    <message>
        <source>Every trick was refused, although the server&apos;s config trusts this client, {client}, to relay: {entries}. {hint}</source>
        <translation>Jeder Trick wurde abgewiesen, obwohl die Konfiguration des Servers diesem Client, {client}, das Weiterleiten erlaubt: {entries}. {hint}</translation>
    </message>
    <message>
        <source>This client is {client}. {hint}</source>
        <translation>Dieser Client ist {client}. {hint}</translation>
    </message>
    <message>
        <source>This client, {client}, is not trusted by the server&apos;s config (access db, relay-domains): what it sees is what a stranger sees.</source>
        <translation>Diesem Client, {client}, vertraut die Konfiguration des Servers nicht (access db, relay-domains): Was er sieht, sieht auch ein Fremder.</translation>
    </message>
</context>
<context>
    <name>Certbot</name>
    <message>
        <source>The certificate authority refused because too many certificates or attempts were asked for this name recently (its rate limit).</source>
        <translation>Die Zertifizierungsstelle hat abgelehnt, weil für diesen Namen in letzter Zeit zu viele Zertifikate oder Versuche angefragt wurden (ihre Ratenbegrenzung).</translation>
    </message>
    <message>
        <source>Wait for the time the authority names (often an hour, for new certificates up to a week), then apply again; the existing certificate stays in use meanwhile.</source>
        <translation>Warten Sie die Zeit ab, die die Stelle nennt (oft eine Stunde, bei neuen Zertifikaten bis zu einer Woche), und wenden Sie dann erneut an; bis dahin bleibt das bisherige Zertifikat in Gebrauch.</translation>
    </message>
    <message>
        <source>certbot is not installed on the server.</source>
        <translation>certbot ist auf dem Server nicht installiert.</translation>
    </message>
    <message>
        <source>Install the certbot package on the server, then apply again.</source>
        <translation>Installieren Sie das Paket certbot auf dem Server und wenden Sie dann erneut an.</translation>
    </message>
    <message>
        <source>The certificate authority could not confirm that {name} is this server: the name does not point at this server&apos;s address, or another server answered.</source>
        <translation>Die Zertifizierungsstelle konnte nicht bestätigen, dass {name} dieser Server ist: Der Name zeigt nicht auf die Adresse dieses Servers, oder ein anderer Server hat geantwortet.</translation>
    </message>
    <message>
        <source>Make the DNS record of {name} point at this server&apos;s public address (and wait for it to spread), or give the name staff use that does; then apply again.</source>
        <translation>Lassen Sie den DNS-Eintrag von {name} auf die öffentliche Adresse dieses Servers zeigen (und warten Sie, bis er sich verbreitet hat), oder geben Sie den Namen an, den die Mitarbeitenden verwenden und der das tut; wenden Sie dann erneut an.</translation>
    </message>
    <message>
        <source>certbot could not reach the certificate authority at {url} from the server.</source>
        <translation>certbot konnte die Zertifizierungsstelle unter {url} vom Server aus nicht erreichen.</translation>
    </message>
    <message>
        <source>Check the authority&apos;s address and that the server may open HTTPS connections to the internet (proxy, firewall), then apply again.</source>
        <translation>Prüfen Sie die Adresse der Stelle und ob der Server HTTPS-Verbindungen ins Internet aufbauen darf (Proxy, Firewall), und wenden Sie dann erneut an.</translation>
    </message>
    <message>
        <source>Another program holds port 80 on the server, so certbot could not answer the authority&apos;s check there.</source>
        <translation>Ein anderes Programm belegt Port 80 auf dem Server, daher konnte certbot die Prüfung der Zertifizierungsstelle dort nicht beantworten.</translation>
    </message>
    <message>
        <source>Give the folder that web server serves, so certbot answers through it, or stop that program while the certificate is obtained.</source>
        <translation>Geben Sie den Ordner an, den dieser Webserver ausliefert, damit certbot über ihn antwortet, oder beenden Sie das Programm, solange das Zertifikat beschafft wird.</translation>
    </message>
    <message>
        <source>The certificate authority could not reach this server on port 80 for {name}.</source>
        <translation>Die Zertifizierungsstelle konnte diesen Server für {name} auf Port 80 nicht erreichen.</translation>
    </message>
    <message>
        <source>Open port 80 to the internet in the server&apos;s firewall and the office router (only while certificates are obtained or renewed), then apply again. Without port 80, obtain the certificate with a DNS challenge yourself and choose the certificate certbot keeps.</source>
        <translation>Öffnen Sie Port 80 zum Internet in der Firewall des Servers und im Router des Büros (nur solange Zertifikate beschafft oder erneuert werden) und wenden Sie dann erneut an. Ohne Port 80 beschaffen Sie das Zertifikat selbst über eine DNS-Prüfung und wählen dann das Zertifikat, das certbot verwaltet.</translation>
    </message>
    <message>
        <source>{sentence} {fix} (certbot said: {detail})</source>
        <translation>{sentence} {fix} (certbot meldete: {detail})</translation>
    </message>
</context>
<context>
    <name>CertificateSection</name>
    <message>
        <source>The classic profile does not encrypt, so it uses no certificate. Choose modern for a certificate.</source>
        <translation>Das klassische Profil verschlüsselt nicht und verwendet daher kein Zertifikat. Wählen Sie Modern für ein Zertifikat.</translation>
    </message>
    <message>
        <source>Keep the server&apos;s certificate as it is</source>
        <translation>Das Zertifikat des Servers so lassen, wie es ist</translation>
    </message>
    <message>
        <source>Use certificate files already on the server:</source>
        <translation>Zertifikatsdateien verwenden, die schon auf dem Server liegen:</translation>
    </message>
    <message>
        <source>Use a certificate that certbot already keeps on the server:</source>
        <translation>Ein Zertifikat verwenden, das certbot schon auf dem Server pflegt:</translation>
    </message>
    <message>
        <source>Get a free certificate from Let&apos;s Encrypt for this name:</source>
        <translation>Ein kostenloses Zertifikat von Let&apos;s Encrypt für diesen Namen holen:</translation>
    </message>
    <message>
        <source>server&apos;s own (Debian: /etc/mail/tls/...)</source>
        <translation>das des Servers (Debian: /etc/mail/tls/...)</translation>
    </message>
    <message>
        <source>Certificate path on the server</source>
        <translation>Pfad des Zertifikats auf dem Server</translation>
    </message>
    <message>
        <source>Key path on the server</source>
        <translation>Pfad des Schlüssels auf dem Server</translation>
    </message>
    <message>
        <source>Certi&amp;ficate:</source>
        <translation>Ze&amp;rtifikat:</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Certificates certbot keeps</source>
        <translation>Zertifikate, die certbot pflegt</translation>
    </message>
    <message>
        <source>certbot keeps no certificate on this server.</source>
        <translation>certbot pflegt auf diesem Server kein Zertifikat.</translation>
    </message>
    <message>
        <source>Name of the server for the certificate</source>
        <translation>Name des Servers für das Zertifikat</translation>
    </message>
    <message>
        <source>the name staff use, such as mail.example.com</source>
        <translation>der Name, den die Mitarbeiter verwenden, etwa mail.example.com</translation>
    </message>
    <message>
        <source>This name must point at this server in DNS, and port 80 must be reachable from the internet while the certificate is fetched (about a minute). Relay Wizard tries it first without changing anything. The certificate is then renewed automatically before it runs out.</source>
        <translation>Dieser Name muss im DNS auf diesen Server zeigen, und Port 80 muss aus dem Internet erreichbar sein, solange das Zertifikat geholt wird (etwa eine Minute). Relay Wizard probiert das zuerst, ohne etwas zu ändern. Danach wird das Zertifikat automatisch erneuert, bevor es abläuft.</translation>
    </message>
    <message>
        <source>The server needs the certbot package first: install it, then check again.</source>
        <translation>Der Server braucht zuerst das Paket certbot: Installieren Sie es und prüfen Sie dann erneut.</translation>
    </message>
    <message>
        <source>On Postfix, Relay Wizard uses the certificate Postfix has or files you name; it does not get certificates from Let&apos;s Encrypt for Postfix yet.</source>
        <translation>Bei Postfix verwendet Relay Wizard das Zertifikat, das Postfix hat, oder Dateien, die Sie angeben; Zertifikate von Let&apos;s Encrypt holt es für Postfix noch nicht.</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Details of getting a certificate</source>
        <translation>Details zum Holen eines Zertifikats</translation>
    </message>
    <message>
        <source>Address of the certificate authority</source>
        <translation>Adresse der Zertifizierungsstelle</translation>
    </message>
    <message>
        <source>Email for expiry warnings</source>
        <translation>E-Mail-Adresse für Warnungen vor dem Ablauf</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>freiwillig</translation>
    </message>
    <message>
        <source>Web server&apos;s folder</source>
        <translation>Ordner des Webservers</translation>
    </message>
    <message>
        <source>optional, such as /var/www/html</source>
        <translation>freiwillig, etwa /var/www/html</translation>
    </message>
    <message>
        <source>Certificate authority (its address):</source>
        <translation>Zertifizierungsstelle (ihre Adresse):</translation>
    </message>
    <message>
        <source>Email for expiry warnings:</source>
        <translation>E-Mail für Ablaufwarnungen:</translation>
    </message>
    <message>
        <source>Answer through my web server&apos;s folder:</source>
        <translation>Über den Ordner meines Webservers antworten:</translation>
    </message>
    <message>
        <source>Give the folder only if a web server already uses port 80 on this server: the answer is then put there. Otherwise certbot answers by itself.</source>
        <translation>Geben Sie den Ordner nur an, wenn auf diesem Server schon ein Webserver Port 80 belegt: Die Antwort wird dann dort abgelegt. Sonst antwortet certbot selbst.</translation>
    </message>
    <message>
        <source>%1, valid until %2</source>
        <translation>%1, gültig bis %2</translation>
    </message>
    <message>
        <source>%1, valid until %2 (does not name this server)</source>
        <translation>%1, gültig bis %2 (nennt diesen Server nicht)</translation>
    </message>
    <message>
        <source>Postfix&apos;s own (Debian: /etc/ssl/certs/...)</source>
        <translation>das von Postfix (Debian: /etc/ssl/certs/...)</translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>A self-signed certificate for {names}, valid until {expires}.</source>
        <translation>Ein selbstsigniertes Zertifikat für {names}, gültig bis {expires}.</translation>
    </message>
    <message>
        <source>A certificate from {issuer} for {names}, valid until {expires}.</source>
        <translation>Ein Zertifikat von {issuer} für {names}, gültig bis {expires}.</translation>
    </message>
    <message>
        <source>A certificate from {issuer} for {names}, valid until {expires}, kept up to date by {tool}.</source>
        <translation>Ein Zertifikat von {issuer} für {names}, gültig bis {expires}, das {tool} aktuell hält.</translation>
    </message>
    <message>
        <source>It has expired.</source>
        <translation>Es ist abgelaufen.</translation>
    </message>
    <message>
        <source>It expires in {days} day(s).</source>
        <translation>Es läuft in {days} Tag(en) ab.</translation>
    </message>
    <message>
        <source>It is valid for {name}.</source>
        <translation>Es gilt für {name}.</translation>
    </message>
    <message>
        <source>It is not valid for {name}.</source>
        <translation>Es gilt nicht für {name}.</translation>
    </message>
    <message>
        <source>The mail server uses it.</source>
        <translation>Der Mailserver verwendet es.</translation>
    </message>
    <message>
        <source>The mail server does not use it.</source>
        <translation>Der Mailserver verwendet es nicht.</translation>
    </message>
    <message>
        <source>No certificate was found on the server.</source>
        <translation>Auf dem Server wurde kein Zertifikat gefunden.</translation>
    </message>
    <message>
        <source>Relay Wizard does not check or set up protection against password guessing on Postfix yet.</source>
        <translation>Den Schutz gegen das Erraten von Passwörtern prüft Relay Wizard bei Postfix noch nicht und richtet ihn auch nicht ein.</translation>
    </message>
    <message>
        <source>fail2ban is running and bans addresses that keep failing to log in.</source>
        <translation>fail2ban läuft und sperrt Adressen, deren Anmeldungen immer wieder scheitern.</translation>
    </message>
    <message>
        <source>fail2ban is running, but it does not watch the mail server&apos;s logins.</source>
        <translation>fail2ban läuft, beobachtet aber die Anmeldungen am Mailserver nicht.</translation>
    </message>
    <message>
        <source>fail2ban is installed but not running.</source>
        <translation>fail2ban ist installiert, läuft aber nicht.</translation>
    </message>
    <message>
        <source>fail2ban is not installed.</source>
        <translation>fail2ban ist nicht installiert.</translation>
    </message>
    <message>
        <source>The mail log was not found.</source>
        <translation>Das Mail-Protokoll wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>The mail log shows no failed logins.</source>
        <translation>Das Mail-Protokoll zeigt keine gescheiterten Anmeldungen.</translation>
    </message>
    <message>
        <source>The mail log shows {count} failed login(s), most from: {sources}.</source>
        <translation>Das Mail-Protokoll zeigt gescheiterte Anmeldungen: {count}, die meisten von: {sources}.</translation>
    </message>
    <message>
        <source>The mail log shows {count} failed login(s).</source>
        <translation>Das Mail-Protokoll zeigt gescheiterte Anmeldungen: {count}.</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Certificates, and protection against password guessing:</source>
        <translation>Zertifikate und Schutz gegen das Erraten von Passwörtern:</translation>
    </message>
    <message>
        <source>Certificates and protection</source>
        <translation>Zertifikate und Schutz</translation>
    </message>
    <message>
        <source>Reading the server...</source>
        <translation>Der Server wird gelesen...</translation>
    </message>
    <message>
        <source>Relay Wizard fixes this when it sets up the relay.</source>
        <translation>Relay Wizard behebt das, wenn es das Relay einrichtet.</translation>
    </message>
    <message>
        <source>Relay Wizard fixes this with the modern settings (recommended).</source>
        <translation>Relay Wizard behebt das mit den modernen Einstellungen (empfohlen).</translation>
    </message>
    <message>
        <source>Relay Wizard fixes this with the classic settings.</source>
        <translation>Relay Wizard behebt das mit den klassischen Einstellungen.</translation>
    </message>
    <message>
        <source>Mail accounts are made for %1.</source>
        <translation>Mailkonten werden für %1 angelegt.</translation>
    </message>
    <message>
        <source>Nothing on this server stands in the way of a safe relay.</source>
        <translation>Nichts auf diesem Server steht einem sicheren Relay im Weg.</translation>
    </message>
    <message>
        <source>Something on this server stands in the way: read the points with a red sign first, Relay Wizard does not fix them itself.</source>
        <translation>Etwas auf diesem Server steht im Weg: Lesen Sie zuerst die Punkte mit rotem Zeichen, Relay Wizard behebt sie nicht selbst.</translation>
    </message>
    <message>
        <source>Relay Wizard fixes everything marked below when it sets up the relay.</source>
        <translation>Relay Wizard behebt alles unten Markierte, wenn es das Relay einrichtet.</translation>
    </message>
    <message>
        <source>Read the points marked below: Relay Wizard does not change them itself.</source>
        <translation>Lesen Sie die unten markierten Punkte: Relay Wizard ändert sie nicht selbst.</translation>
    </message>
    <message>
        <source>Relay Wizard fixes the points below that say so; the others are yours to judge.</source>
        <translation>Relay Wizard behebt die Punkte unten, bei denen es dabeisteht; die anderen beurteilen Sie selbst.</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <source>libsasl2-modules (Debian/Ubuntu) or cyrus-sasl-plain / cyrus-sasl-md5 (RHEL)</source>
        <translation>libsasl2-modules (Debian/Ubuntu) oder cyrus-sasl-plain / cyrus-sasl-md5 (RHEL)</translation>
    </message>
    <message>
        <source>Relay Wizard applies changes on Linux only so far: on FreeBSD its reload check cannot see sendmail&apos;s listeners, so an apply would be rolled back. Use the plan as a guide and make the change by hand (make -C /etc/mail install restart).</source>
        <translation>Relay Wizard wendet Änderungen bisher nur unter Linux an: Unter FreeBSD sieht seine Prüfung nach dem Neuladen die Ports von sendmail nicht, eine Änderung würde also zurückgesetzt. Nehmen Sie den Plan als Anleitung und ändern Sie von Hand (make -C /etc/mail install restart).</translation>
    </message>
    <message>
        <source>This sendmail cannot encrypt connections, which the modern profile needs. Use the classic profile, or a sendmail that can.</source>
        <translation>Dieses sendmail kann Verbindungen nicht verschlüsseln, was das moderne Profil braucht. Nutzen Sie das klassische Profil oder ein sendmail, das es kann.</translation>
    </message>
    <message>
        <source>sendmail&apos;s configuration cannot be rebuilt on this server because a package is missing. Install the sendmail-cf package (and m4).</source>
        <translation>Die Konfiguration von sendmail lässt sich auf diesem Server nicht neu erstellen, weil ein Paket fehlt. Installieren Sie das Paket sendmail-cf (und m4).</translation>
    </message>
    <message>
        <source>The m4 macros (sendmail-cf) that build sendmail.cf are missing.</source>
        <translation>Die m4-Makros (sendmail-cf), die sendmail.cf erstellen, fehlen.</translation>
    </message>
    <message>
        <source>The server cannot check {methods} logins: the part that does is not installed. Install {packages}.</source>
        <translation>Der Server kann Anmeldungen mit {methods} nicht prüfen: Der Teil, der das tut, ist nicht installiert. Installieren Sie {packages}.</translation>
    </message>
    <message>
        <source>No SASL plugin for {methods} is installed.</source>
        <translation>Kein SASL-Plugin für {methods} ist installiert.</translation>
    </message>
    <message>
        <source>Passwords would cross the network readable by anyone on the way, unless the connection is encrypted.</source>
        <translation>Passwörter gingen für jeden auf dem Weg lesbar durchs Netz, wenn die Verbindung nicht verschlüsselt ist.</translation>
    </message>
    <message>
        <source>{methods} send the password as it is typed; safe only with STARTTLS and AuthOptions &apos;p&apos;.</source>
        <translation>{methods} senden das Passwort so, wie es eingegeben wird; sicher nur mit STARTTLS und AuthOptions „p“.</translation>
    </message>
    <message>
        <source>Debian&apos;s own login settings are also in the configuration. Relay Wizard&apos;s settings come after them and decide which login methods are offered.</source>
        <translation>Debians eigene Anmeldeeinstellungen stehen ebenfalls in der Konfiguration. Die Einstellungen von Relay Wizard folgen danach und entscheiden, welche Anmeldeverfahren angeboten werden.</translation>
    </message>
    <message>
        <source>sendmail.mc includes Debian&apos;s sasl.m4, which trusts more mechanisms (DIGEST-MD5 CRAM-MD5 NTLM LOGIN PLAIN by default); the extra trusted ones are never offered.</source>
        <translation>sendmail.mc bindet Debians sasl.m4 ein, das mehr Verfahren vertraut (standardmäßig DIGEST-MD5 CRAM-MD5 NTLM LOGIN PLAIN); die zusätzlich vertrauten werden nie angeboten.</translation>
    </message>
    <message>
        <source>Computers matching &apos;{line}&apos; may send mail through the server without a login. Relay Wizard leaves this; remove it unless those computers are yours.</source>
        <translation>Computer, auf die „{line}“ passt, dürfen ohne Anmeldung Mail über den Server senden. Relay Wizard lässt das so; entfernen Sie es, wenn diese Computer nicht Ihre sind.</translation>
    </message>
    <message>
        <source>A RELAY line in the access database: {line}.</source>
        <translation>Eine RELAY-Zeile in der access-Datenbank: {line}.</translation>
    </message>
    <message>
        <source>Anyone may send mail to &apos;{line}&apos; through the server without a login. Relay Wizard leaves this; narrow it to the domains this server is a backup for.</source>
        <translation>Jeder darf ohne Anmeldung Mail an „{line}“ über den Server senden. Relay Wizard lässt das so; beschränken Sie es auf die Domains, für die dieser Server Ausweichserver ist.</translation>
    </message>
    <message>
        <source>A To: RELAY line in the access database: {line}.</source>
        <translation>Eine To:-RELAY-Zeile in der access-Datenbank: {line}.</translation>
    </message>
    <message>
        <source>Computers in &apos;{entry}&apos; may send mail through the server without a login. Relay Wizard leaves this; remove it unless those computers are yours.</source>
        <translation>Computer in „{entry}“ dürfen ohne Anmeldung Mail über den Server senden. Relay Wizard lässt das so; entfernen Sie es, wenn diese Computer nicht Ihre sind.</translation>
    </message>
    <message>
        <source>The entry is in /etc/mail/relay-domains: {entry}.</source>
        <translation>Der Eintrag steht in /etc/mail/relay-domains: {entry}.</translation>
    </message>
    <message>
        <source>The mail server&apos;s own name could not be read: mail accounts are made for it.</source>
        <translation>Der eigene Name des Mailservers ließ sich nicht lesen: Für ihn werden die Mailkonten angelegt.</translation>
    </message>
    <message>
        <source>sendmail&apos;s own name ($j) is the SASL realm of the accounts.</source>
        <translation>Der eigene Name von sendmail ($j) ist der SASL-Realm der Konten.</translation>
    </message>
    <message>
        <source>Port {port} is set up in master.cf for one address only ({name}). Relay Wizard does not change it: make it listen on every address, or remove it, then plan again.</source>
        <translation>Port {port} ist in master.cf nur für eine Adresse eingerichtet ({name}). Relay Wizard ändert das nicht: Lassen Sie ihn auf allen Adressen lauschen oder entfernen Sie ihn, dann planen Sie erneut.</translation>
    </message>
    <message>
        <source>No certificate for STARTTLS was found on the server. Give the paths of a certificate and its key on the server.</source>
        <translation>Auf dem Server wurde kein Zertifikat für STARTTLS gefunden. Geben Sie die Pfade eines Zertifikats und seines Schlüssels auf dem Server an.</translation>
    </message>
    <message>
        <source>The certificate {path} does not exist on the server.</source>
        <translation>Das Zertifikat {path} gibt es auf dem Server nicht.</translation>
    </message>
    <message>
        <source>The key {path} does not exist on the server.</source>
        <translation>Den Schlüssel {path} gibt es auf dem Server nicht.</translation>
    </message>
    <message>
        <source>As you asked, {mechanisms} will no longer be accepted: mail programs that log in with it must be set to another method.</source>
        <translation>Wie gewünscht wird {mechanisms} nicht mehr angenommen: Mailprogramme, die sich damit anmelden, müssen auf ein anderes Verfahren umgestellt werden.</translation>
    </message>
    <message>
        <source>Postfix already offers every login method its SASL library has; that stays as it is.</source>
        <translation>Postfix bietet schon jedes Anmeldeverfahren seiner SASL-Bibliothek an; das bleibt so.</translation>
    </message>
    <message>
        <source>Passwords keep being checked by the SASL plugin set in {path}, as today.</source>
        <translation>Passwörter prüft weiterhin das in {path} eingestellte SASL-Modul, wie heute.</translation>
    </message>
    <message>
        <source>Strangers who try to relay mail through port 25 are refused outright instead of being told to try again later, so that the check from this computer can prove they cannot relay. Nothing changes for anyone who may relay.</source>
        <translation>Fremde, die über Port 25 Mail weiterleiten wollen, werden sofort abgewiesen statt auf später vertröstet, damit die Prüfung von diesem Computer aus beweisen kann, dass sie nicht weiterleiten können. Für alle, die weiterleiten dürfen, ändert sich nichts.</translation>
    </message>
    <message>
        <source>Postfix&apos;s configuration could not be read.</source>
        <translation>Die Konfiguration von Postfix konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Postfix is set to check logins with Dovecot, but Dovecot&apos;s login socket ({path}) was not found. Start Dovecot, or set up its login service, then plan again.</source>
        <translation>Postfix soll Anmeldungen mit Dovecot prüfen, aber der Anmelde-Socket von Dovecot ({path}) wurde nicht gefunden. Starten Sie Dovecot oder richten Sie seinen Anmeldedienst ein, dann planen Sie erneut.</translation>
    </message>
    <message>
        <source>This Postfix cannot check logins: it was built without Cyrus SASL. Install a Postfix package with SASL support (Debian&apos;s postfix has it) and libsasl2-modules.</source>
        <translation>Dieses Postfix kann keine Anmeldungen prüfen: Es wurde ohne Cyrus SASL gebaut. Installieren Sie ein Postfix-Paket mit SASL-Unterstützung (Debians postfix hat sie) und libsasl2-modules.</translation>
    </message>
    <message>
        <source>Today port 25 accepts logins only inside an encrypted connection, and the classic profile would take that protection away. Use the modern profile (recommended), or switch the protection off yourself first.</source>
        <translation>Heute nimmt Port 25 Anmeldungen nur in einer verschlüsselten Verbindung an, und das klassische Profil würde diesen Schutz wegnehmen. Verwenden Sie das moderne Profil (empfohlen) oder schalten Sie den Schutz zuerst selbst ab.</translation>
    </message>
    <message>
        <source>Postfix checks logins with Dovecot, as today: the login methods and the accounts stay Dovecot&apos;s.</source>
        <translation>Postfix prüft Anmeldungen wie heute mit Dovecot: Anmeldeverfahren und Konten bleiben die von Dovecot.</translation>
    </message>
    <message>
        <source>Relay Wizard cannot obtain a certificate for Postfix yet. Keep the server&apos;s own certificate or give the paths of one.</source>
        <translation>Relay Wizard kann für Postfix noch kein Zertifikat beschaffen. Behalten Sie das Zertifikat des Servers oder geben Sie die Pfade eines Zertifikats an.</translation>
    </message>
    <message>
        <source>Relay Wizard cannot set up the protection against password guessing on Postfix yet: the rest of the plan goes ahead without it.</source>
        <translation>Relay Wizard kann den Schutz vor dem Erraten von Passwörtern für Postfix noch nicht einrichten: Der Rest des Plans wird ohne ihn ausgeführt.</translation>
    </message>
    <message>
        <source>The CA certificate {path} does not exist on the server.</source>
        <translation>Das CA-Zertifikat {path} gibt es auf dem Server nicht.</translation>
    </message>
    <message>
        <source>{path} is not a private key (checked with openssl).</source>
        <translation>{path} ist kein privater Schlüssel (mit openssl geprüft).</translation>
    </message>
    <message>
        <source>{path} is not a readable, unexpired certificate (checked with openssl).</source>
        <translation>{path} ist kein lesbares, gültiges Zertifikat (mit openssl geprüft).</translation>
    </message>
    <message>
        <source>The key {key} is readable by every user (mode {mode}): sendmail refuses it and silently stops offering STARTTLS. Run chmod 600 {key} (or 640 with group smmsp) on the server.</source>
        <translation>Der Schlüssel {key} ist für jeden Benutzer lesbar (Modus {mode}): sendmail lehnt ihn ab und bietet STARTTLS stillschweigend nicht mehr an. Führen Sie auf dem Server chmod 600 {key} aus (oder 640 mit der Gruppe smmsp).</translation>
    </message>
    <message>
        <source>The key {key} belongs to {owner}, not root: sendmail refuses it. Run chown root {key} on the server.</source>
        <translation>Der Schlüssel {key} gehört {owner}, nicht root: sendmail lehnt ihn ab. Führen Sie auf dem Server chown root {key} aus.</translation>
    </message>
    <message>
        <source>The key {key} does not belong to the certificate {cert}.</source>
        <translation>Der Schlüssel {key} gehört nicht zum Zertifikat {cert}.</translation>
    </message>
    <message>
        <source>STARTTLS will use {cert} ({subject}).</source>
        <translation>STARTTLS wird {cert} verwenden ({subject}).</translation>
    </message>
    <message>
        <source>sendmail&apos;s SASL config (Sendmail.conf) was not found, so PLAIN and LOGIN cannot be pointed at the sasldb. Install sasl2-bin (Debian) or cyrus-sasl.</source>
        <translation>Die SASL-Konfiguration von sendmail (Sendmail.conf) wurde nicht gefunden, daher lassen sich PLAIN und LOGIN nicht auf die sasldb verweisen. Installieren Sie sasl2-bin (Debian) oder cyrus-sasl.</translation>
    </message>
    <message>
        <source>CRAM-MD5 and DIGEST-MD5 check passwords in the sasldb, whatever pwcheck_method says: the SASL config stays as it is.</source>
        <translation>CRAM-MD5 und DIGEST-MD5 prüfen Passwörter in der sasldb, was auch immer pwcheck_method sagt: Die SASL-Konfiguration bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>PLAIN and LOGIN keep checking passwords the way they do today (saslauthd, {path}): the SASL config stays as it is.</source>
        <translation>PLAIN und LOGIN prüfen Passwörter weiter wie heute (saslauthd, {path}): Die SASL-Konfiguration bleibt, wie sie ist.</translation>
    </message>
    <message>
        <source>port {port} on every IPv6 address</source>
        <translation>Port {port} auf jeder IPv6-Adresse</translation>
    </message>
    <message>
        <source>port {port} on every address</source>
        <translation>Port {port} auf jeder Adresse</translation>
    </message>
    <message>
        <source>port {port} on {address}</source>
        <translation>Port {port} auf {address}</translation>
    </message>
    <message>
        <source>The mail server ({name}) listens on {where} today; it will accept connections from the network on port {port}.</source>
        <translation>Der Mailserver ({name}) lauscht heute auf {where}; er wird auf Port {port} Verbindungen aus dem Netz annehmen.</translation>
    </message>
    <message>
        <source>The mail server (port {port}) listens on {where} today; it will accept connections from the network on port {port}.</source>
        <translation>Der Mailserver (Port {port}) lauscht heute auf {where}; er wird auf Port {port} Verbindungen aus dem Netz annehmen.</translation>
    </message>
    <message>
        <source>The submission port ({name}) listens on {where} today; it will accept connections from the network on port {port}.</source>
        <translation>Der Submission-Port ({name}) lauscht heute auf {where}; er wird auf Port {port} Verbindungen aus dem Netz annehmen.</translation>
    </message>
    <message>
        <source>The submission port (port {port}) listens on {where} today; it will accept connections from the network on port {port}.</source>
        <translation>Der Submission-Port (Port {port}) lauscht heute auf {where}; er wird auf Port {port} Verbindungen aus dem Netz annehmen.</translation>
    </message>
    <message>
        <source>Port {port} already accepts mail from the network ({places}), but with AUTH switched off there (M=A): Relay Wizard does not undo a choice like that. Remove the A from that DAEMON_OPTIONS line&apos;s M= if staff should log in on port {port}.</source>
        <translation>Port {port} nimmt bereits Mail aus dem Netz an ({places}), aber mit dort abgeschaltetem AUTH (M=A): Relay Wizard macht eine solche Entscheidung nicht rückgängig. Entfernen Sie das A aus M= dieser DAEMON_OPTIONS-Zeile, wenn sich die Mitarbeiter auf Port {port} anmelden sollen.</translation>
    </message>
    <message>
        <source>This server already relays mail for staff who log in: port 25 from the network, with {mechanisms} (offered and trusted for relaying). Nothing needs to change for the classic profile.</source>
        <translation>Dieser Server leitet bereits Mail für Mitarbeiter weiter, die sich anmelden: Port 25 aus dem Netz, mit {mechanisms} (angeboten und zum Weiterleiten vertraut). Für das klassische Profil muss sich nichts ändern.</translation>
    </message>
    <message>
        <source>This server already relays mail for staff who log in: port {ports} with TLS, with {mechanisms} (offered and trusted for relaying). Nothing needs to change for the modern profile.</source>
        <translation>Dieser Server leitet bereits Mail für Mitarbeiter weiter, die sich anmelden: Port {ports} mit TLS, mit {mechanisms} (angeboten und zum Weiterleiten vertraut). Für das moderne Profil muss sich nichts ändern.</translation>
    </message>
    <message>
        <source>{dropped} will no longer be accepted for relaying, as you asked: staff whose mail programs log in with {dropped} will not be able to send until they switch to {still}.</source>
        <translation>{dropped} wird, wie gewünscht, zum Weiterleiten nicht mehr angenommen: Mitarbeiter, deren Mailprogramme sich mit {dropped} anmelden, können nicht senden, bis sie auf {still} umstellen.</translation>
    </message>
    <message>
        <source>{dropped} will no longer be accepted for relaying, as you asked: staff whose mail programs log in with {dropped} will not be able to send, as no other login method is left.</source>
        <translation>{dropped} wird, wie gewünscht, zum Weiterleiten nicht mehr angenommen: Mitarbeiter, deren Mailprogramme sich mit {dropped} anmelden, können nicht senden, da kein anderes Anmeldeverfahren bleibt.</translation>
    </message>
    <message>
        <source>Staff&apos;s mail programs that log in with {mechanisms} keep working: those stay offered and trusted for relaying.</source>
        <translation>Mailprogramme der Mitarbeiter, die sich mit {mechanisms} anmelden, funktionieren weiter: Diese Verfahren bleiben angeboten und zum Weiterleiten vertraut.</translation>
    </message>
    <message>
        <source>{mechanisms} is trusted by a file sendmail.mc includes (such as Debian&apos;s sasl.m4): Relay Wizard cannot drop it there.</source>
        <translation>{mechanisms} wird von einer Datei vertraut, die sendmail.mc einbindet (etwa Debians sasl.m4): Relay Wizard kann es dort nicht entfernen.</translation>
    </message>
    <message>
        <source>{mechanisms} stays offered for login but is not trusted for relaying, as before: staff who log in that way still cannot send.</source>
        <translation>{mechanisms} bleibt zur Anmeldung angeboten, ist aber wie bisher nicht zum Weiterleiten vertraut: Mitarbeiter, die sich so anmelden, können weiterhin nicht senden.</translation>
    </message>
    <message>
        <source>Port {port} already accepts mail from the network ({places}): it stays as you set it.</source>
        <translation>Port {port} nimmt bereits Mail aus dem Netz an ({places}): Das bleibt, wie Sie es eingerichtet haben.</translation>
    </message>
    <message>
        <source>{count} listeners on port {port} accept connections from this server only ({places}): Relay Wizard cannot tell which one should open to the network. Keep one of them and plan again.</source>
        <translation>{count} Listener auf Port {port} nehmen nur Verbindungen von diesem Server an ({places}): Relay Wizard kann nicht erkennen, welcher sich zum Netz öffnen soll. Behalten Sie einen davon und planen Sie erneut.</translation>
    </message>
    <message>
        <source>Port 587 already accepts mail from the network; it will now require a login. Mail programs on the office network that send on port 587 without logging in will be refused until they log in.</source>
        <translation>Port 587 nimmt bereits Mail aus dem Netz an; er wird nun eine Anmeldung verlangen. Mailprogramme im Büronetz, die auf Port 587 ohne Anmeldung senden, werden abgewiesen, bis sie sich anmelden.</translation>
    </message>
    <message>
        <source>STARTTLS keeps the certificate sendmail.mc names ({path}).</source>
        <translation>STARTTLS behält das Zertifikat, das sendmail.mc nennt ({path}).</translation>
    </message>
    <message>
        <source>Staff&apos;s mail programs may log in with {mechanisms} without encryption today. The modern profile offers those only after STARTTLS (AuthOptions p): a program that logs in without STARTTLS will have to turn it on.</source>
        <translation>Mailprogramme der Mitarbeiter dürfen sich heute mit {mechanisms} ohne Verschlüsselung anmelden. Das moderne Profil bietet diese Verfahren erst nach STARTTLS an (AuthOptions p): Ein Programm, das sich ohne STARTTLS anmeldet, muss es einschalten.</translation>
    </message>
    <message>
        <source>sendmail cannot listen on {first} and on {second} ({first_family} and {second_family}) at once on this system: one of them fails at every start, and Relay Wizard&apos;s check after the reload would fail too. Give the listeners on that port distinct addresses (or mark one optional, M=O) first.</source>
        <translation>sendmail kann auf diesem System nicht zugleich auf {first} und auf {second} lauschen ({first_family} und {second_family}): Einer davon scheitert bei jedem Start, und die Prüfung von Relay Wizard nach dem Neuladen würde ebenfalls scheitern. Geben Sie den Listenern auf diesem Port zuerst verschiedene Adressen (oder markieren Sie einen als optional, M=O).</translation>
    </message>
    <message>
        <source>The change would make sendmail listen on {first} and on {second} ({first_family} and {second_family}) at once, which Linux refuses: sendmail would not start. Relay Wizard does not make that change; give the listeners on that port distinct addresses first.</source>
        <translation>Die Änderung ließe sendmail zugleich auf {first} und auf {second} lauschen ({first_family} und {second_family}), was Linux verweigert: sendmail würde nicht starten. Relay Wizard nimmt diese Änderung nicht vor; geben Sie den Listenern auf diesem Port zuerst verschiedene Adressen.</translation>
    </message>
    <message>
        <source>The ban on password guessers that Relay Wizard set up earlier stays as it is. Undo that change to remove it.</source>
        <translation>Die Sperre für Passwort-Rater, die Relay Wizard früher eingerichtet hat, bleibt, wie sie ist. Machen Sie jene Änderung rückgängig, um sie zu entfernen.</translation>
    </message>
    <message>
        <source>fail2ban is not installed, so addresses that keep guessing passwords are not banned. Install the fail2ban package (and nftables) and plan again to add the ban.</source>
        <translation>fail2ban ist nicht installiert, daher werden Adressen, die immer wieder Passwörter raten, nicht gesperrt. Installieren Sie das Paket fail2ban (und nftables) und planen Sie erneut, um die Sperre hinzuzufügen.</translation>
    </message>
    <message>
        <source>The server has no firewall tool fail2ban can ban with (nftables or iptables), so addresses that keep guessing passwords are not banned. Install the nftables package and plan again to add the ban.</source>
        <translation>Der Server hat kein Firewall-Werkzeug, mit dem fail2ban sperren kann (nftables oder iptables), daher werden Adressen, die immer wieder Passwörter raten, nicht gesperrt. Installieren Sie das Paket nftables und planen Sie erneut, um die Sperre hinzuzufügen.</translation>
    </message>
    <message>
        <source>Relay Wizard could not tell which address this computer connects from, so it cannot keep that address out of the ban. Add the address your office connects from to the addresses that are never banned.</source>
        <translation>Relay Wizard konnte nicht feststellen, von welcher Adresse dieser Computer verbindet, und kann sie daher nicht von der Sperre ausnehmen. Fügen Sie die Adresse, von der Ihr Büro verbindet, zu den Adressen hinzu, die nie gesperrt werden.</translation>
    </message>
    <message>
        <source>The connection limits in sendmail&apos;s access database (ClientRate, ClientConn) stay as they are.</source>
        <translation>Die Verbindungsgrenzen in sendmails Zugriffsdatenbank (ClientRate, ClientConn) bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>certbot is not installed on the server, so no certificate can be obtained. Install the certbot package on the server, then plan again.</source>
        <translation>certbot ist auf dem Server nicht installiert, daher kann kein Zertifikat beschafft werden. Installieren Sie das Paket certbot auf dem Server und planen Sie dann erneut.</translation>
    </message>
    <message>
        <source>Port 80 is taken by {program}, so certbot cannot answer the certificate authority&apos;s check there. Give the folder that web server serves, so certbot answers through it.</source>
        <translation>Port 80 ist von {program} belegt, daher kann certbot die Prüfung der Zertifizierungsstelle dort nicht beantworten. Geben Sie den Ordner an, den dieser Webserver ausliefert, damit certbot über ihn antwortet.</translation>
    </message>
    <message>
        <source>A certificate authority only certifies a full internet name such as mail.example.com, and the server&apos;s name is {name}. Give the name staff&apos;s mail programs use.</source>
        <translation>Eine Zertifizierungsstelle bestätigt nur einen vollständigen Internetnamen wie mail.example.com, und der Name des Servers ist {name}. Geben Sie den Namen an, den die Mailprogramme der Mitarbeitenden verwenden.</translation>
    </message>
    <message>
        <source>certbot keeps no valid certificate for {name} on the server. Choose to obtain one, or give the name its certificate is for.</source>
        <translation>certbot verwaltet auf dem Server kein gültiges Zertifikat für {name}. Wählen Sie, eines zu beschaffen, oder geben Sie den Namen an, für den sein Zertifikat gilt.</translation>
    </message>
    <message>
        <source>Relay Wizard cannot make this change with Postfix&apos;s editor: {reason}.</source>
        <translation>Relay Wizard kann diese Änderung nicht mit dem Editor von Postfix vornehmen: {reason}.</translation>
    </message>
    <message>
        <source>The folder of Postfix&apos;s SASL config (smtpd.conf) was not found. Install sasl2-bin and libsasl2-modules (Debian) or cyrus-sasl.</source>
        <translation>Der Ordner der SASL-Konfiguration von Postfix (smtpd.conf) wurde nicht gefunden. Installieren Sie sasl2-bin und libsasl2-modules (Debian) oder cyrus-sasl.</translation>
    </message>
</context>
<context>
    <name>ConnectPage</name>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>&amp;Log in with:</source>
        <translation>&amp;Anmelden mit:</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Schlüsseldatei</translation>
    </message>
    <message>
        <source>SSH agent</source>
        <translation>SSH-Agent</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Passw&amp;ort:</translation>
    </message>
    <message>
        <source>Br&amp;owse...</source>
        <translation>D&amp;urchsuchen...</translation>
    </message>
    <message>
        <source>&amp;Key file:</source>
        <translation>S&amp;chlüsseldatei:</translation>
    </message>
    <message>
        <source>Key passp&amp;hrase:</source>
        <translation>Passp&amp;hrase des Schlüssels:</translation>
    </message>
    <message>
        <source>su&amp;do password:</source>
        <translation>su&amp;do-Passwort:</translation>
    </message>
    <message>
        <source>Only when the user is not root and sudo asks for a password; usually the user&apos;s own login password.</source>
        <translation>Nur wenn der Benutzer nicht root ist und sudo nach einem Passwort fragt; meist das eigene Anmeldepasswort des Benutzers.</translation>
    </message>
    <message>
        <source>&amp;Remember the passwords in the keyring</source>
        <translation>Passwörter im Schlüsselbund &amp;merken</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>Anha&amp;lten</translation>
    </message>
    <message>
        <source>Remember the passwords: not possible, this computer has no keyring</source>
        <translation>Passwörter merken: nicht möglich, dieser Computer hat keinen Schlüsselbund</translation>
    </message>
    <message>
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Verbindung zu %1 wird hergestellt...</translation>
    </message>
    <message>
        <source>Connected to %1. Relay Wizard becomes root with sudo, using the sudo password.</source>
        <translation>Mit %1 verbunden. Relay Wizard wird mit sudo root und nutzt dafür das sudo-Passwort.</translation>
    </message>
    <message>
        <source>Connected to %1. Relay Wizard becomes root with sudo.</source>
        <translation>Mit %1 verbunden. Relay Wizard wird mit sudo root.</translation>
    </message>
    <message>
        <source>Connected to %1 as root.</source>
        <translation>Mit %1 als root verbunden.</translation>
    </message>
    <message>
        <source>The server&apos;s key was not accepted: not connected.</source>
        <translation>Der Schlüssel des Servers wurde nicht angenommen: nicht verbunden.</translation>
    </message>
</context>
<context>
    <name>Dangers</name>
    <message>
        <source>relays mail for anyone: the server is an open relay</source>
        <translation>leitet Mail für jeden weiter: Der Server ist ein offenes Relay</translation>
    </message>
    <message>
        <source>lets every host in the server&apos;s own domain relay without a login</source>
        <translation>lässt jeden Rechner in der eigenen Domain des Servers ohne Anmeldung weiterleiten</translation>
    </message>
    <message>
        <source>relays for any domain that names this server as its mail exchanger (MX), which whoever controls that domain&apos;s DNS decides</source>
        <translation>leitet für jede Domain weiter, die diesen Server als Mail-Exchanger (MX) nennt, was bestimmt, wer das DNS dieser Domain verwaltet</translation>
    </message>
    <message>
        <source>accepts addresses like user%other.example@this-server (the %-hack), which spammers use to slip past relay checks</source>
        <translation>nimmt Adressen wie user%other.example@this-server an (der %-Hack), mit denen Spammer Relay-Prüfungen umgehen</translation>
    </message>
    <message>
        <source>relays when the sender address claims to be from this server&apos;s domain, which anyone can forge</source>
        <translation>leitet weiter, wenn die Absenderadresse vorgibt, aus der Domain dieses Servers zu stammen, was jeder fälschen kann</translation>
    </message>
    <message>
        <source>relays based on the sender address, which anyone can forge</source>
        <translation>leitet anhand der Absenderadresse weiter, die jeder fälschen kann</translation>
    </message>
    <message>
        <source>makes this sendmail a null client: it forwards everything to one other mail server and accepts no mail from the network, so it is not a mail server staff can send through. Relay Wizard will not change it; set up the relay on the server it forwards to</source>
        <translation>macht dieses sendmail zum Null-Client: Es reicht alles an einen anderen Mailserver weiter und nimmt keine Mail aus dem Netz an, ist also kein Mailserver, über den die Mitarbeiter senden können. Relay Wizard ändert das nicht; richten Sie das Relay auf dem Server ein, an den es weiterreicht</translation>
    </message>
    <message>
        <source>is the configuration of a mail submission client (submit.cf), not of a mail server. Relay Wizard will not change it; point it at the server&apos;s own sendmail.mc</source>
        <translation>ist die Konfiguration eines Einlieferungsclients (submit.cf), nicht die eines Mailservers. Relay Wizard ändert sie nicht; wählen Sie die eigene sendmail.mc des Servers</translation>
    </message>
    <message>
        <source>Line {line} of {path}</source>
        <translation>Zeile {line} von {path}</translation>
    </message>
    <message>
        <source>every host of the networks {networks}</source>
        <translation>jeden Rechner der Netze {networks}</translation>
    </message>
    <message>
        <source>every host of the network {networks}</source>
        <translation>jeden Rechner des Netzes {networks}</translation>
    </message>
    <message>
        <source>every host in {domains}</source>
        <translation>jeden Rechner in {domains}</translation>
    </message>
    <message>
        <source>{where}, FEATURE(`{name}&apos;), {why}.</source>
        <translation>{where}, FEATURE(`{name}&apos;), {why}.</translation>
    </message>
    <message>
        <source>{where}, FEATURE(`promiscuous_relay&apos;), {why}. Relay Wizard will not set up logins on an open relay: remove that line first (strangers are sending through it now).</source>
        <translation>{where}, FEATURE(`promiscuous_relay&apos;), {why}. Relay Wizard richtet auf einem offenen Relay keine Anmeldung ein: Entfernen Sie diese Zeile zuerst (Fremde senden jetzt darüber).</translation>
    </message>
    <message>
        <source>{where}, FEATURE(`{name}&apos;), {why}. Relay Wizard leaves it; remove it unless you need it.</source>
        <translation>{where}, FEATURE(`{name}&apos;), {why}. Relay Wizard lässt es so; entfernen Sie es, wenn Sie es nicht brauchen.</translation>
    </message>
    <message>
        <source>{where}, FEATURE(`authinfo&apos;): this server logs in to the mail server it sends through. That login is its own, not one for staff: it does not make this server an authenticated relay.</source>
        <translation>{where}, FEATURE(`authinfo&apos;): Dieser Server meldet sich bei dem Mailserver an, über den er sendet. Diese Anmeldung ist seine eigene, keine für die Mitarbeiter: Sie macht diesen Server nicht zu einem Relay mit Anmeldung.</translation>
    </message>
    <message>
        <source>{where}, RELAY_DOMAIN: {entries} may relay without a login. Relay Wizard leaves it; remove what is not yours.</source>
        <translation>{where}, RELAY_DOMAIN: {entries} darf ohne Anmeldung weiterleiten. Relay Wizard lässt es so; entfernen Sie, was nicht Ihres ist.</translation>
    </message>
    <message>
        <source>{where}, RELAY_DOMAIN_FILE({source}): every host, domain or network listed in that file may relay without a login. Check what it lists.</source>
        <translation>{where}, RELAY_DOMAIN_FILE({source}): Jeder Rechner, jede Domain und jedes Netz in dieser Datei darf ohne Anmeldung weiterleiten. Prüfen Sie, was dort steht.</translation>
    </message>
    <message>
        <source>{where}, HACK(`popauth&apos;) (POP-before-SMTP): any computer that fetched mail by POP in the last minutes may relay without a login, including whoever shares its address (a hotel, a café). With SMTP AUTH it is no longer needed; remove it once staff log in.</source>
        <translation>{where}, HACK(`popauth&apos;) (POP-before-SMTP): Jeder Computer, der in den letzten Minuten Mail per POP abgeholt hat, darf ohne Anmeldung weiterleiten, auch jeder, der seine Adresse teilt (ein Hotel, ein Café). Mit SMTP AUTH wird es nicht mehr gebraucht; entfernen Sie es, sobald sich die Mitarbeiter anmelden.</translation>
    </message>
    <message>
        <source>The AUTH settings in this file serve the smart host (the server this one sends through): nothing trusts a login for relaying (no TRUST_AUTH_MECH), so this server is not an authenticated relay yet.</source>
        <translation>Die AUTH-Einstellungen in dieser Datei gelten dem Smarthost (dem Server, über den dieser sendet): Nichts vertraut einer Anmeldung zum Weiterleiten (kein TRUST_AUTH_MECH), daher ist dieser Server noch kein Relay mit Anmeldung.</translation>
    </message>
    <message>
        <source>{where}, confAUTH_OPTIONS `{value}&apos;: sendmail reads only the first letter of each word, so only {effect} is in effect, not {lost}. PLAIN and LOGIN may be used before TLS, passwords readable on the way. Written as `{letters}&apos; it does what it says.</source>
        <translation>{where}, confAUTH_OPTIONS `{value}&apos;: sendmail liest nur den ersten Buchstaben jedes Worts, daher gilt nur {effect}, nicht {lost}. PLAIN und LOGIN sind vor TLS erlaubt, Passwörter unterwegs lesbar. Als `{letters}&apos; geschrieben tut es, was es sagt.</translation>
    </message>
    <message>
        <source>{where}, confAUTH_OPTIONS `{value}&apos;: sendmail reads only the first letter of each word, so only {effect} is in effect, not {lost}. Written as `{letters}&apos; it does what it says.</source>
        <translation>{where}, confAUTH_OPTIONS `{value}&apos;: sendmail liest nur den ersten Buchstaben jedes Worts, daher gilt nur {effect}, nicht {lost}. Als `{letters}&apos; geschrieben tut es, was es sagt.</translation>
    </message>
    <message>
        <source>Line {line} of {path} reads class R (who may relay without a login) from {source}: check what it lists.</source>
        <translation>Zeile {line} von {path} liest Klasse R (wer ohne Anmeldung weiterleiten darf) aus {source}: Prüfen Sie, was dort steht.</translation>
    </message>
    <message>
        <source>a file</source>
        <translation>einer Datei</translation>
    </message>
    <message>
        <source>Line {line} of {path} adds to class R: {entries} may relay without a login.</source>
        <translation>Zeile {line} von {path} ergänzt Klasse R: {entries} darf ohne Anmeldung weiterleiten.</translation>
    </message>
    <message>
        <source>The access database line &apos;{line}&apos; lets anyone relay mail to {target} without a login.</source>
        <translation>Die Zeile „{line}“ der access-Datenbank lässt jeden ohne Anmeldung Mail an {target} weiterleiten.</translation>
    </message>
    <message>
        <source>every address</source>
        <translation>jede Adresse</translation>
    </message>
    <message>
        <source>The access database line &apos;{line}&apos; lets that network or domain relay without a login.</source>
        <translation>Die Zeile „{line}“ der access-Datenbank lässt dieses Netz oder diese Domain ohne Anmeldung weiterleiten.</translation>
    </message>
    <message>
        <source>/etc/mail/relay-domains lets {entries} relay without a login.</source>
        <translation>/etc/mail/relay-domains lässt {entries} ohne Anmeldung weiterleiten.</translation>
    </message>
    <message>
        <source>{setting} of the service {service} has {entry} before reject_unauth_destination.</source>
        <translation>{setting} des Dienstes {service} hat {entry} vor reject_unauth_destination.</translation>
    </message>
    <message>
        <source>One of the server&apos;s relay rules lets everybody through before it checks who may relay; only the other rule keeps strangers out.</source>
        <translation>Eine der Weiterleitungsregeln des Servers lässt jeden durch, bevor sie prüft, wer weiterleiten darf; nur die andere Regel hält Fremde fern.</translation>
    </message>
    <message>
        <source>The server relays mail for anyone: a relay rule lets everybody through before it checks who may relay. Spammers will find and use it.</source>
        <translation>Der Server leitet Mail für jeden weiter: Eine Weiterleitungsregel lässt jeden durch, bevor sie prüft, wer weiterleiten darf. Spammer werden ihn finden und benutzen.</translation>
    </message>
    <message>
        <source>The server relays mail for anyone: none of its relay rules refuses strangers who send to other domains. Spammers will find and use it.</source>
        <translation>Der Server leitet Mail für jeden weiter: Keine seiner Weiterleitungsregeln weist Fremde ab, die an andere Domains senden. Spammer werden ihn finden und benutzen.</translation>
    </message>
    <message>
        <source>Neither smtpd_relay_restrictions nor smtpd_recipient_restrictions of the service {service} has reject_unauth_destination.</source>
        <translation>Weder smtpd_relay_restrictions noch smtpd_recipient_restrictions des Dienstes {service} enthält reject_unauth_destination.</translation>
    </message>
    <message>
        <source>mynetworks = {value}</source>
        <translation>mynetworks = {value}</translation>
    </message>
    <message>
        <source>mynetworks is not set; Postfix works it out from mynetworks_style = {style}: {value}</source>
        <translation>mynetworks ist nicht gesetzt; Postfix leitet es aus mynetworks_style = {style} ab: {value}</translation>
    </message>
    <message>
        <source>The server&apos;s list of trusted networks names networks outside the office ({networks}), but its relay rules do not use that list.</source>
        <translation>Die Liste vertrauenswürdiger Netze des Servers nennt Netze außerhalb des Büros ({networks}), aber seine Weiterleitungsregeln benutzen diese Liste nicht.</translation>
    </message>
    <message>
        <source>The server trusts every address on the internet ({networks}): anyone may send mail through it without a login. It is an open relay.</source>
        <translation>Der Server vertraut jeder Adresse im Internet ({networks}): Jeder darf ohne Anmeldung Mail über ihn senden. Er ist ein offenes Relay.</translation>
    </message>
    <message>
        <source>The server lets every machine in {networks} send mail through it without a login: that is far more of the internet than one office.</source>
        <translation>Der Server lässt jeden Rechner in {networks} ohne Anmeldung Mail über sich senden: Das ist weit mehr vom Internet als ein Büro.</translation>
    </message>
    <message>
        <source>The server lets every machine in the public network {networks} send mail through it without a login. Keep that only if all of them are the office&apos;s.</source>
        <translation>Der Server lässt jeden Rechner im öffentlichen Netz {networks} ohne Anmeldung Mail über sich senden. Behalten Sie das nur, wenn alle davon zum Büro gehören.</translation>
    </message>
    <message>
        <source>The server lets every machine in the private network {networks} send mail through it without a login: a network that size is usually more than one office.</source>
        <translation>Der Server lässt jeden Rechner im privaten Netz {networks} ohne Anmeldung Mail über sich senden: Ein Netz dieser Größe ist meist mehr als ein Büro.</translation>
    </message>
    <message>
        <source>Machines in {networks} may send mail through the server without a login (usually the office network). A virus on one of them could send spam through the server.</source>
        <translation>Rechner in {networks} dürfen ohne Anmeldung Mail über den Server senden (meist das Büronetz). Ein Virus auf einem von ihnen könnte Spam über den Server senden.</translation>
    </message>
    <message>
        <source>The list of machines that may send without a login also comes from {tables}, which Relay Wizard does not read: check who is in it.</source>
        <translation>Die Liste der Rechner, die ohne Anmeldung senden dürfen, kommt auch aus {tables}, das Relay Wizard nicht liest: Prüfen Sie, wer darin steht.</translation>
    </message>
    <message>
        <source>relay_domains = {value}</source>
        <translation>relay_domains = {value}</translation>
    </message>
    <message>
        <source>The server passes on mail for every domain ({entries}): anyone may send mail through it without a login. It is an open relay.</source>
        <translation>Der Server leitet Mail für jede Domain weiter ({entries}): Jeder darf ohne Anmeldung Mail über ihn senden. Er ist ein offenes Relay.</translation>
    </message>
    <message>
        <source>The server also accepts mail for {domains} from anyone and passes it on (as a backup or gateway for those domains).</source>
        <translation>Der Server nimmt außerdem Mail für {domains} von jedem an und leitet sie weiter (als Ausweich- oder Eingangsserver dieser Domains).</translation>
    </message>
    <message>
        <source>A list of sender addresses is checked before the server decides who may relay: an entry that allows an address lets anyone who writes that sender address relay, and anyone can write any address.</source>
        <translation>Eine Liste von Absenderadressen wird geprüft, bevor der Server entscheidet, wer weiterleiten darf: Ein Eintrag, der eine Adresse erlaubt, lässt jeden weiterleiten, der diese Absenderadresse angibt, und jeder kann jede Adresse angeben.</translation>
    </message>
    <message>
        <source>Before reject_unauth_destination: {tables}.</source>
        <translation>Vor reject_unauth_destination: {tables}.</translation>
    </message>
    <message>
        <source>Lists the server reads before it decides who may relay ({tables}) may let some machines or addresses relay without a login. Relay Wizard does not read them: check what they allow.</source>
        <translation>Listen, die der Server liest, bevor er entscheidet, wer weiterleiten darf ({tables}), können manche Rechner oder Adressen ohne Anmeldung weiterleiten lassen. Relay Wizard liest sie nicht: Prüfen Sie, was sie erlauben.</translation>
    </message>
    <message>
        <source>Passwords could cross the network unencrypted, readable by anyone on the way.</source>
        <translation>Passwörter könnten unverschlüsselt durchs Netz gehen, lesbar für jeden auf dem Weg.</translation>
    </message>
    <message>
        <source>{methods} may be used before STARTTLS on {services}: smtpd_sasl_auth_enable is on without smtpd_tls_auth_only.</source>
        <translation>{methods} darf auf {services} vor STARTTLS benutzt werden: smtpd_sasl_auth_enable ist an, ohne smtpd_tls_auth_only.</translation>
    </message>
</context>
<context>
    <name>Diagnosis</name>
    <message>
        <source>AUTH is advertised ({mechanisms}) but not trusted: TRUST_AUTH_MECH is missing, so a login succeeds and relaying is still refused.</source>
        <translation>AUTH wird angeboten ({mechanisms}), aber ihm wird nicht vertraut: TRUST_AUTH_MECH fehlt, daher gelingt eine Anmeldung, und das Weiterleiten wird trotzdem abgewiesen.</translation>
    </message>
    <message>
        <source>{mechanism} is advertised but not trusted: TRUST_AUTH_MECH lists only {trusted}.</source>
        <translation>{mechanism} wird angeboten, aber ihm wird nicht vertraut: TRUST_AUTH_MECH nennt nur {trusted}.</translation>
    </message>
    <message>
        <source>sendmail offers logins only after STARTTLS (AuthOptions p), as the modern profile sets it up: mail programs must use STARTTLS (port 587) or TLS (port 465).</source>
        <translation>sendmail bietet Anmeldungen erst nach STARTTLS an (AuthOptions p), so wie das moderne Profil es einrichtet: Mailprogramme müssen STARTTLS (Port 587) oder TLS (Port 465) verwenden.</translation>
    </message>
    <message>
        <source>sendmail offers no login (SMTP AUTH) at all, not even to its own session.</source>
        <translation>sendmail bietet überhaupt keine Anmeldung (SMTP AUTH) an, nicht einmal der eigenen Sitzung.</translation>
    </message>
    <message>
        <source>The user {user} exists in realm {other} but sendmail uses realm {realm}: create it again in {realm} (adding it with Relay Wizard does).</source>
        <translation>Der Benutzer {user} existiert im Realm {other}, aber sendmail verwendet den Realm {realm}: Legen Sie ihn in {realm} neu an (das Hinzufügen mit Relay Wizard tut das).</translation>
    </message>
    <message>
        <source>There is no SASL account named {user} (realm {realm}).</source>
        <translation>Es gibt kein SASL-Konto namens {user} (Realm {realm}).</translation>
    </message>
    <message>
        <source>{mechanism} checks passwords with saslauthd, which is not running; the accounts Relay Wizard manages live in the sasldb (pwcheck_method: auxprop).</source>
        <translation>{mechanism} prüft Passwörter mit saslauthd, das nicht läuft; die Konten, die Relay Wizard verwaltet, liegen in der sasldb (pwcheck_method: auxprop).</translation>
    </message>
    <message>
        <source>mail log: {line}</source>
        <translation>Mailprotokoll: {line}</translation>
    </message>
    <message>
        <source>waiting in the queue</source>
        <translation>wartet in der Warteschlange</translation>
    </message>
    <message>
        <source>logged</source>
        <translation>protokolliert</translation>
    </message>
    <message>
        <source>Failed at: {stage}</source>
        <translation>Fehlgeschlagen bei: {stage}</translation>
    </message>
    <message>
        <source>Server said: {reply}</source>
        <translation>Der Server sagte: {reply}</translation>
    </message>
    <message>
        <source>Why: {cause}</source>
        <translation>Warum: {cause}</translation>
    </message>
    <message>
        <source>What to do: {fix}</source>
        <translation>Was tun: {fix}</translation>
    </message>
    <message>
        <source>On the server: {finding}</source>
        <translation>Auf dem Server: {finding}</translation>
    </message>
    <message>
        <source>{stage} (broken reply)</source>
        <translation>{stage} (fehlerhafte Antwort)</translation>
    </message>
    <message>
        <source>name resolution</source>
        <translation>Namensauflösung</translation>
    </message>
    <message>
        <source>The name {host} could not be found in DNS.</source>
        <translation>Der Name {host} wurde im DNS nicht gefunden.</translation>
    </message>
    <message>
        <source>The name of the server could not be found in DNS.</source>
        <translation>Der Name des Servers wurde im DNS nicht gefunden.</translation>
    </message>
    <message>
        <source>Check the spelling, or use the server&apos;s IP address.</source>
        <translation>Prüfen Sie die Schreibweise, oder verwenden Sie die IP-Adresse des Servers.</translation>
    </message>
    <message>
        <source>connect (refused)</source>
        <translation>Verbinden (abgewiesen)</translation>
    </message>
    <message>
        <source>Nothing accepts connections on {host} port {port}: the mail server does not listen there, or only on 127.0.0.1 (Debian&apos;s default for sendmail).</source>
        <translation>Auf {host} Port {port} nimmt nichts Verbindungen an: Der Mailserver lauscht dort nicht oder nur auf 127.0.0.1 (die Voreinstellung von Debian für sendmail).</translation>
    </message>
    <message>
        <source>Nothing accepts connections on the server: the mail server does not listen there, or only on 127.0.0.1 (Debian&apos;s default for sendmail).</source>
        <translation>Auf dem Server nimmt nichts Verbindungen an: Der Mailserver lauscht dort nicht oder nur auf 127.0.0.1 (die Voreinstellung von Debian für sendmail).</translation>
    </message>
    <message>
        <source>Apply a relay profile that opens this port, or choose the port the mail server listens on.</source>
        <translation>Wenden Sie ein Relay-Profil an, das diesen Port öffnet, oder wählen Sie den Port, auf dem der Mailserver lauscht.</translation>
    </message>
    <message>
        <source>connect (timeout)</source>
        <translation>Verbinden (Zeitüberschreitung)</translation>
    </message>
    <message>
        <source>{host} port {port} did not answer: a firewall drops the connection, or the host is down. Many Internet providers block outgoing port 25.</source>
        <translation>{host} Port {port} hat nicht geantwortet: Eine Firewall verwirft die Verbindung, oder der Rechner ist aus. Viele Internetanbieter sperren ausgehenden Port 25.</translation>
    </message>
    <message>
        <source>The server did not answer: a firewall drops the connection, or the host is down. Many Internet providers block outgoing port 25.</source>
        <translation>Der Server hat nicht geantwortet: Eine Firewall verwirft die Verbindung, oder der Rechner ist aus. Viele Internetanbieter sperren ausgehenden Port 25.</translation>
    </message>
    <message>
        <source>Open the port in the server&apos;s firewall, or use the submission port 587.</source>
        <translation>Öffnen Sie den Port in der Firewall des Servers, oder verwenden Sie den Submission-Port 587.</translation>
    </message>
    <message>
        <source>greeting (554)</source>
        <translation>Begrüßung (554)</translation>
    </message>
    <message>
        <source>The server refused the session before it began: the client spoke before the greeting (sendmail&apos;s greet_pause), or this address is rejected in the access db.</source>
        <translation>Der Server hat die Sitzung abgewiesen, bevor sie begann: Der Client hat vor der Begrüßung gesprochen (greet_pause von sendmail), oder diese Adresse wird in der access db abgewiesen.</translation>
    </message>
    <message>
        <source>Wait for the 220 greeting before sending anything; check /etc/mail/access for a REJECT line that covers this computer.</source>
        <translation>Warten Sie auf die Begrüßung 220, bevor Sie etwas senden; suchen Sie in /etc/mail/access nach einer REJECT-Zeile, die diesen Computer betrifft.</translation>
    </message>
    <message>
        <source>greeting (421)</source>
        <translation>Begrüßung (421)</translation>
    </message>
    <message>
        <source>The server is refusing connections for now: too many from this address in a short time (ClientRate / ClientConn) or it is overloaded.</source>
        <translation>Der Server weist Verbindungen vorerst ab: zu viele von dieser Adresse in kurzer Zeit (ClientRate / ClientConn), oder er ist überlastet.</translation>
    </message>
    <message>
        <source>Wait ten minutes and try again; for a trusted address, raise its ClientRate in the access db.</source>
        <translation>Warten Sie zehn Minuten und versuchen Sie es erneut; erhöhen Sie für eine vertrauenswürdige Adresse ihre ClientRate in der access db.</translation>
    </message>
    <message>
        <source>greeting</source>
        <translation>Begrüßung</translation>
    </message>
    <message>
        <source>The server did not greet with 220 ({reply}).</source>
        <translation>Der Server hat nicht mit 220 begrüßt ({reply}).</translation>
    </message>
    <message>
        <source>TLS (untrusted certificate)</source>
        <translation>TLS (nicht vertrauenswürdiges Zertifikat)</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not signed by an authority this computer trusts (a self-signed certificate, like Debian&apos;s generated one). Its SHA-256 fingerprint is {fingerprint}.</source>
        <translation>Das Zertifikat des Servers ist nicht von einer Stelle signiert, der dieser Computer vertraut (ein selbst signiertes Zertifikat, wie das von Debian erzeugte). Sein SHA-256-Fingerabdruck ist {fingerprint}.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not signed by an authority this computer trusts (a self-signed certificate, like Debian&apos;s generated one).</source>
        <translation>Das Zertifikat des Servers ist nicht von einer Stelle signiert, der dieser Computer vertraut (ein selbst signiertes Zertifikat, wie das von Debian erzeugte).</translation>
    </message>
    <message>
        <source>Compare the fingerprint with the one of the certificate on the server and, if they match, pin it (accept exactly this certificate); or install a certificate from a public authority.</source>
        <translation>Vergleichen Sie den Fingerabdruck mit dem des Zertifikats auf dem Server und legen Sie es fest, wenn beide übereinstimmen (genau dieses Zertifikat annehmen); oder installieren Sie ein Zertifikat einer öffentlichen Zertifizierungsstelle.</translation>
    </message>
    <message>
        <source>TLS (name mismatch)</source>
        <translation>TLS (Name passt nicht)</translation>
    </message>
    <message>
        <source>Connect with the name in the certificate, or pin this certificate after checking its fingerprint on the server.</source>
        <translation>Verbinden Sie sich mit dem Namen aus dem Zertifikat, oder legen Sie dieses Zertifikat fest, nachdem Sie seinen Fingerabdruck auf dem Server geprüft haben.</translation>
    </message>
    <message>
        <source>TLS (not the server&apos;s certificate)</source>
        <translation>TLS (nicht das Zertifikat des Servers)</translation>
    </message>
    <message>
        <source>TLS (not the pinned certificate)</source>
        <translation>TLS (nicht das festgelegte Zertifikat)</translation>
    </message>
    <message>
        <source>Encryption could not be set up: {reason}</source>
        <translation>Die Verschlüsselung konnte nicht eingerichtet werden: {reason}</translation>
    </message>
    <message>
        <source>Apply the modern profile (STARTTLS with the server&apos;s certificate), or check that the mail server can read its certificate and key (the mail log says so when it cannot).</source>
        <translation>Wenden Sie das moderne Profil an (STARTTLS mit dem Zertifikat des Servers), oder prüfen Sie, ob der Mailserver sein Zertifikat und seinen Schlüssel lesen kann (das Mailprotokoll sagt es, wenn nicht).</translation>
    </message>
    <message>
        <source>The server does not offer SMTP AUTH on this port: the mail server was built without SASL, logins are not turned on, or it offers AUTH only after STARTTLS.</source>
        <translation>Der Server bietet auf diesem Port kein SMTP AUTH an: Der Mailserver wurde ohne SASL gebaut, Anmeldungen sind nicht eingeschaltet, oder er bietet AUTH erst nach STARTTLS an.</translation>
    </message>
    <message>
        <source>The server rejected the user name or password. Either is wrong, or the account lives in another SASL realm than the one the mail server uses.</source>
        <translation>Der Server hat den Benutzernamen oder das Passwort abgelehnt. Eines davon ist falsch, oder das Konto liegt in einem anderen SASL-Realm als dem, den der Mailserver verwendet.</translation>
    </message>
    <message>
        <source>The message used bare LF line endings; SMTP requires CRLF and the server refused such a message.</source>
        <translation>Die Nachricht verwendete einzelne LF als Zeilenenden; SMTP verlangt CRLF, und der Server hat eine solche Nachricht abgelehnt.</translation>
    </message>
    <message>
        <source>The server refused the EHLO greeting ({reply}).</source>
        <translation>Der Server hat die EHLO-Begrüßung abgewiesen ({reply}).</translation>
    </message>
    <message>
        <source>AUTH not offered</source>
        <translation>AUTH nicht angeboten</translation>
    </message>
    <message>
        <source>Connect with STARTTLS; or apply a relay profile, which configures AUTH.</source>
        <translation>Verbinden Sie sich mit STARTTLS, oder wenden Sie ein Relay-Profil an, das AUTH einrichtet.</translation>
    </message>
    <message>
        <source>mechanism not offered</source>
        <translation>Verfahren nicht angeboten</translation>
    </message>
    <message>
        <source>Choose a mechanism the server offers, or add it to confAUTH_MECHANISMS and TRUST_AUTH_MECH (a relay profile does).</source>
        <translation>Wählen Sie ein Verfahren, das der Server anbietet, oder fügen Sie es zu confAUTH_MECHANISMS und TRUST_AUTH_MECH hinzu (ein Relay-Profil tut das).</translation>
    </message>
    <message>
        <source>encryption required ({code})</source>
        <translation>Verschlüsselung erforderlich ({code})</translation>
    </message>
    <message>
        <source>The server accepts this mechanism only over an encrypted connection (AuthOptions &apos;p&apos;), which is right: the password would otherwise cross the network readable.</source>
        <translation>Der Server nimmt dieses Verfahren nur über eine verschlüsselte Verbindung an (AuthOptions &apos;p&apos;), und das ist richtig: Sonst ginge das Passwort lesbar durchs Netz.</translation>
    </message>
    <message>
        <source>Connect with STARTTLS (port 587) or implicit TLS (port 465).</source>
        <translation>Verbinden Sie sich mit STARTTLS (Port 587) oder implizitem TLS (Port 465).</translation>
    </message>
    <message>
        <source>authentication failed (535)</source>
        <translation>Anmeldung fehlgeschlagen (535)</translation>
    </message>
    <message>
        <source>Check the password; look at the server&apos;s mail accounts and their realm, and set a new password for this one if need be.</source>
        <translation>Prüfen Sie das Passwort; sehen Sie sich die Mailkonten des Servers und ihren Realm an, und setzen Sie für dieses Konto bei Bedarf ein neues Passwort.</translation>
    </message>
    <message>
        <source>authentication</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>The login failed ({reply}).</source>
        <translation>Die Anmeldung ist fehlgeschlagen ({reply}).</translation>
    </message>
    <message>
        <source>authentication required (530)</source>
        <translation>Anmeldung erforderlich (530)</translation>
    </message>
    <message>
        <source>This port accepts mail only after a login.</source>
        <translation>Dieser Port nimmt Mail erst nach einer Anmeldung an.</translation>
    </message>
    <message>
        <source>Log in before sending (the wizard does: check the user name and password).</source>
        <translation>Melden Sie sich vor dem Senden an (der Assistent tut das: Prüfen Sie Benutzername und Passwort).</translation>
    </message>
    <message>
        <source>relay denied (550 5.7.1)</source>
        <translation>Weiterleiten verweigert (550 5.7.1)</translation>
    </message>
    <message>
        <source>The server refused to pass the message on to another domain: the login did not make the client trusted for relaying. On sendmail that happens when the mechanism used is advertised but not listed in TRUST_AUTH_MECH.</source>
        <translation>Der Server hat sich geweigert, die Nachricht an eine andere Domain weiterzugeben: Die Anmeldung hat den Client nicht zum Weiterleiten berechtigt. Bei sendmail geschieht das, wenn das verwendete Verfahren angeboten, aber nicht in TRUST_AUTH_MECH aufgeführt wird.</translation>
    </message>
    <message>
        <source>Apply a relay profile (it sets TRUST_AUTH_MECH to the mechanisms it offers).</source>
        <translation>Wenden Sie ein Relay-Profil an (es setzt TRUST_AUTH_MECH auf die Verfahren, die es anbietet).</translation>
    </message>
    <message>
        <source>temporarily refused ({code})</source>
        <translation>vorübergehend abgewiesen ({code})</translation>
    </message>
    <message>
        <source>The server refused for now; with sendmail this is often a failed reverse-DNS lookup of this computer&apos;s address (450 4.4.0) or a temporary resolver problem.</source>
        <translation>Der Server hat vorerst abgewiesen; bei sendmail ist das oft eine fehlgeschlagene Rückwärtsauflösung (Reverse DNS) der Adresse dieses Computers (450 4.4.0) oder ein vorübergehendes Problem des DNS-Resolvers.</translation>
    </message>
    <message>
        <source>Try again later; give this computer&apos;s address a reverse DNS (PTR) record.</source>
        <translation>Versuchen Sie es später erneut; geben Sie der Adresse dieses Computers einen Reverse-DNS-Eintrag (PTR).</translation>
    </message>
    <message>
        <source>recipient refused ({code})</source>
        <translation>Empfänger abgewiesen ({code})</translation>
    </message>
    <message>
        <source>The server refused the recipient address.</source>
        <translation>Der Server hat die Empfängeradresse abgewiesen.</translation>
    </message>
    <message>
        <source>sender refused ({code})</source>
        <translation>Absender abgewiesen ({code})</translation>
    </message>
    <message>
        <source>The server refused the sender address.</source>
        <translation>Der Server hat die Absenderadresse abgewiesen.</translation>
    </message>
    <message>
        <source>DATA refused (bare LF)</source>
        <translation>DATA abgewiesen (einzelnes LF)</translation>
    </message>
    <message>
        <source>Use a mail program that sends CRLF line endings (every ordinary one does).</source>
        <translation>Verwenden Sie ein Mailprogramm, das CRLF als Zeilenende sendet (jedes übliche tut das).</translation>
    </message>
    <message>
        <source>DATA refused ({code})</source>
        <translation>DATA abgewiesen ({code})</translation>
    </message>
    <message>
        <source>The server refused the message itself (size, content or a policy).</source>
        <translation>Der Server hat die Nachricht selbst abgewiesen (Größe, Inhalt oder eine Richtlinie).</translation>
    </message>
    <message>
        <source>Read the server&apos;s reply and the mail log.</source>
        <translation>Lesen Sie die Antwort des Servers und das Mailprotokoll.</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <source>The server stopped answering in the middle of the conversation.</source>
        <translation>Der Server hat mitten im Gespräch aufgehört zu antworten.</translation>
    </message>
    <message>
        <source>Try again; if it happens again, look at the server&apos;s load and its mail log.</source>
        <translation>Versuchen Sie es erneut; wenn es wieder geschieht, sehen Sie sich die Last des Servers und sein Mailprotokoll an.</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>The connection ended unexpectedly: {reason}</source>
        <translation>Die Verbindung endete unerwartet: {reason}</translation>
    </message>
    <message>
        <source>Look at the transcript and the server&apos;s mail log.</source>
        <translation>Sehen Sie sich das Gesprächsverlauf und das Mailprotokoll des Servers an.</translation>
    </message>
    <message>
        <source>Check the mail log.</source>
        <translation>Prüfen Sie das Mailprotokoll.</translation>
    </message>
    <message>
        <source>Check the address; the server&apos;s reply says why.</source>
        <translation>Prüfen Sie die Adresse; die Antwort des Servers nennt den Grund.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is made out for another name than {host}. Its SHA-256 fingerprint is {fingerprint}.</source>
        <translation>Das Zertifikat des Servers ist auf einen anderen Namen als {host} ausgestellt. Sein SHA-256-Fingerabdruck ist {fingerprint}.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is made out for another name than {host}.</source>
        <translation>Das Zertifikat des Servers ist auf einen anderen Namen als {host} ausgestellt.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is made out for another name than the one used. Its SHA-256 fingerprint is {fingerprint}.</source>
        <translation>Das Zertifikat des Servers ist auf einen anderen Namen als den verwendeten ausgestellt. Sein SHA-256-Fingerabdruck ist {fingerprint}.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is made out for another name than the one used.</source>
        <translation>Das Zertifikat des Servers ist auf einen anderen Namen als den verwendeten ausgestellt.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Unknown server key</source>
        <translation>Unbekannter Serverschlüssel</translation>
    </message>
    <message>
        <source>This is the first connection to %1 (port %2).</source>
        <translation>Dies ist die erste Verbindung zu %1 (Port %2).</translation>
    </message>
    <message>
        <source>It presented a %1 host key with the fingerprint

%2

Compare it with the one the server shows (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on its console). Accept and save this key?</source>
        <translation>Er hat einen %1-Hostschlüssel mit dem Fingerabdruck

%2

vorgelegt. Vergleichen Sie ihn mit dem, den der Server zeigt (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub an seiner Konsole). Diesen Schlüssel annehmen und speichern?</translation>
    </message>
    <message>
        <source>Add a mail account</source>
        <translation>Mailkonto hinzufügen</translation>
    </message>
    <message>
        <source>The name this person logs in with, such as alice (letters, digits, dots, hyphens; no spaces):</source>
        <translation>Der Name, mit dem sich diese Person anmeldet, etwa alice (Buchstaben, Ziffern, Punkte, Bindestriche; keine Leerzeichen):</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Password (a strong one is suggested):</source>
        <translation>Passwort (ein starkes ist vorgeschlagen):</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>Neues Passwort</translation>
    </message>
    <message>
        <source>New password for %1:</source>
        <translation>Neues Passwort für %1:</translation>
    </message>
    <message>
        <source>Relay Wizard</source>
        <translation>Relay Wizard</translation>
    </message>
    <message>
        <source>Apply the changes?</source>
        <translation>Die Änderungen anwenden?</translation>
    </message>
    <message>
        <source>Change the mail server %1 now?</source>
        <translation>Den Mailserver %1 jetzt ändern?</translation>
    </message>
    <message>
        <source>Relay Wizard backs up every file first, and puts everything back by itself if a step fails.</source>
        <translation>Relay Wizard sichert zuerst jede Datei und stellt alles von selbst wieder her, wenn ein Schritt fehlschlägt.</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>Stop the changes?</source>
        <translation>Die Änderungen abbrechen?</translation>
    </message>
    <message>
        <source>Relay Wizard is changing the mail server %1.</source>
        <translation>Relay Wizard ändert gerade den Mailserver %1.</translation>
    </message>
    <message>
        <source>If you stop now, Relay Wizard puts the server back as it was before, waits until that is done, tells you where the server stands and then closes.</source>
        <translation>Wenn Sie jetzt abbrechen, stellt Relay Wizard den vorherigen Zustand des Servers wieder her, wartet, bis das erledigt ist, sagt Ihnen, wie der Server dasteht, und schließt sich dann.</translation>
    </message>
    <message>
        <source>&amp;Stop and put back</source>
        <translation>&amp;Abbrechen und zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Keep going</source>
        <translation>&amp;Weitermachen</translation>
    </message>
    <message>
        <source>Open a staff list</source>
        <translation>Mitarbeiterliste öffnen</translation>
    </message>
    <message>
        <source>Staff lists (*.csv *.txt);;All files (*)</source>
        <translation>Mitarbeiterlisten (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Show &amp;details</source>
        <translation>&amp;Details anzeigen</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>&amp;Save as HTML report...</source>
        <translation>Als HTML-Bericht &amp;speichern...</translation>
    </message>
    <message>
        <source>Hide &amp;details</source>
        <translation>&amp;Details ausblenden</translation>
    </message>
    <message>
        <source>Still to do</source>
        <translation>Noch zu tun</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>Relay Wizard report</source>
        <translation>Bericht von Relay Wizard</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Correct the value.</source>
        <translation>Korrigieren Sie den Wert.</translation>
    </message>
    <message>
        <source>account name</source>
        <translation>Kontoname</translation>
    </message>
    <message>
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>mechanism</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>certificate fingerprint</source>
        <translation>Fingerabdruck des Zertifikats</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>The value {value} ({what}) holds a line break or control character, which the {fmt} file cannot carry.</source>
        <translation>Der Wert {value} ({what}) enthält einen Zeilenumbruch oder ein Steuerzeichen, das die {fmt}-Datei nicht aufnehmen kann.</translation>
    </message>
    <message>
        <source>The value {value} ({what}) is empty or holds a double quote or backslash, which an msmtp file cannot carry safely.</source>
        <translation>Der Wert {value} ({what}) ist leer oder enthält ein doppeltes Anführungszeichen oder einen Backslash, was eine msmtp-Datei nicht sicher aufnehmen kann.</translation>
    </message>
    <message>
        <source>The value {value} ({what}) holds a single quote, which a muttrc value cannot carry safely.</source>
        <translation>Der Wert {value} ({what}) enthält ein einfaches Anführungszeichen, das ein Wert in der muttrc nicht sicher aufnehmen kann.</translation>
    </message>
    <message>
        <source>A Thunderbird autoconfig file</source>
        <translation>Eine Thunderbird-Autokonfigurationsdatei</translation>
    </message>
    <message>
        <source>An Apple configuration profile</source>
        <translation>Ein Apple-Konfigurationsprofil</translation>
    </message>
    <message>
        <source>Apple Mail cannot log in with {mechanism}, the mechanism that was verified.</source>
        <translation>Apple Mail kann sich nicht mit {mechanism} anmelden, dem Verfahren, das geprüft wurde.</translation>
    </message>
    <message>
        <source>Send a test message with CRAM-MD5 and save the server again, if it offers CRAM-MD5, or give staff the handout instead.</source>
        <translation>Senden Sie eine Testnachricht mit CRAM-MD5 und speichern Sie den Server erneut, falls er CRAM-MD5 anbietet, oder geben Sie den Mitarbeitern stattdessen das Merkblatt.</translation>
    </message>
    <message>
        <source>A DNS SRV record must point at a host name, and the server is the address {host}.</source>
        <translation>Ein DNS-SRV-Eintrag muss auf einen Hostnamen zeigen, und der Server ist die Adresse {host}.</translation>
    </message>
    <message>
        <source>Enter the name staff use for the mail server, such as mail.example.com.</source>
        <translation>Geben Sie den Namen ein, den die Mitarbeiter für den Mailserver verwenden, etwa mail.example.com.</translation>
    </message>
    <message>
        <source>Unknown incoming server type {type}.</source>
        <translation>Unbekannter Typ des Posteingangsservers: {type}.</translation>
    </message>
    <message>
        <source>Choose imap or pop3.</source>
        <translation>Wählen Sie imap oder pop3.</translation>
    </message>
    <message>
        <source>Unknown incoming connection security {security}.</source>
        <translation>Unbekannte Verbindungssicherheit für den Posteingang: {security}.</translation>
    </message>
    <message>
        <source>Choose tls, starttls or none.</source>
        <translation>Wählen Sie tls, starttls oder none.</translation>
    </message>
    <message>
        <source>The account name is empty.</source>
        <translation>Der Kontoname ist leer.</translation>
    </message>
    <message>
        <source>Give the staff member&apos;s account.</source>
        <translation>Geben Sie das Konto des Mitarbeiters an.</translation>
    </message>
    <message>
        <source>The server was reached by its address {host}, and staff need its name: their mail program and the certificate go by the name.</source>
        <translation>Der Server wurde über seine Adresse {host} erreicht, und die Mitarbeiter brauchen seinen Namen: Ihr Mailprogramm und das Zertifikat richten sich nach dem Namen.</translation>
    </message>
    <message>
        <source>{domain} is not a valid mail domain.</source>
        <translation>{domain} ist keine gültige Maildomain.</translation>
    </message>
    <message>
        <source>Give a domain such as example.com.</source>
        <translation>Geben Sie eine Domain wie example.com an.</translation>
    </message>
    <message>
        <source>The password holds a NUL character.</source>
        <translation>Das Passwort enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <source>Check the password.</source>
        <translation>Prüfen Sie das Passwort.</translation>
    </message>
    <message>
        <source>{fingerprint} is not a certificate fingerprint.</source>
        <translation>{fingerprint} ist kein Fingerabdruck eines Zertifikats.</translation>
    </message>
    <message>
        <source>Connect to the server again so that the wizard reads its certificate.</source>
        <translation>Verbinden Sie sich erneut mit dem Server, damit der Assistent sein Zertifikat liest.</translation>
    </message>
    <message>
        <source>The name shown, {display}, holds a control character, a quote, a backslash or an angle bracket, or is longer than 100 characters.</source>
        <translation>Der angezeigte Name {display} enthält ein Steuerzeichen, ein Anführungszeichen, einen Backslash oder eine spitze Klammer, oder er ist länger als 100 Zeichen.</translation>
    </message>
    <message>
        <source>Write the name with letters, spaces, dots and hyphens.</source>
        <translation>Schreiben Sie den Namen mit Buchstaben, Leerzeichen, Punkten und Bindestrichen.</translation>
    </message>
    <message>
        <source>{what} must name an incoming (IMAP or POP3) server, and none was given: Relay Wizard sets up only the outgoing one.</source>
        <translation>{what} braucht einen Posteingangsserver (IMAP oder POP3), und es wurde keiner angegeben: Relay Wizard richtet nur den Postausgang ein.</translation>
    </message>
    <message>
        <source>Enter the incoming server (its name, and imap or pop3, its port and connection security), or give staff the one-page handout instead.</source>
        <translation>Geben Sie den Posteingangsserver an (seinen Namen, imap oder pop3, seinen Port und die Verbindungssicherheit), oder geben Sie den Mitarbeitern stattdessen das einseitige Merkblatt.</translation>
    </message>
    <message>
        <source>Unknown export format {fmt}.</source>
        <translation>Unbekanntes Exportformat {fmt}.</translation>
    </message>
    <message>
        <source>Choose {value}.</source>
        <translation>Wählen Sie {value}.</translation>
    </message>
    <message>
        <source>Cannot write {value}: {strerror}.</source>
        <translation>{value} kann nicht geschrieben werden: {strerror}.</translation>
    </message>
    <message>
        <source>Choose a place you can write to.</source>
        <translation>Wählen Sie einen Ort, an dem Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>Cannot write {name}: {strerror}.</source>
        <translation>{name} kann nicht geschrieben werden: {strerror}.</translation>
    </message>
    <message>
        <source>{name} is not an ordinary file (it is a link, a folder or a device), so the file with the password was not written there.</source>
        <translation>{name} ist keine gewöhnliche Datei (sondern ein Link, ein Ordner oder ein Gerät), deshalb wurde die Datei mit dem Passwort dort nicht geschrieben.</translation>
    </message>
    <message>
        <source>Give the path of a new or ordinary file.</source>
        <translation>Geben Sie den Pfad einer neuen oder gewöhnlichen Datei an.</translation>
    </message>
    <message>
        <source>{name} is not a valid server name.</source>
        <translation>{name} ist kein gültiger Servername.</translation>
    </message>
    <message>
        <source>Enter a name such as mail.example.com: letters, digits, dots and hyphens.</source>
        <translation>Geben Sie einen Namen wie mail.example.com ein: Buchstaben, Ziffern, Punkte und Bindestriche.</translation>
    </message>
    <message>
        <source>Enter the domain of staff&apos;s addresses, such as example.com.</source>
        <translation>Geben Sie die Domain der Adressen der Mitarbeiter ein, etwa example.com.</translation>
    </message>
    <message>
        <source>Cannot write into the folder {value}: it is not writable.</source>
        <translation>In den Ordner {value} kann nicht geschrieben werden: Er ist schreibgeschützt.</translation>
    </message>
    <message>
        <source>Cannot write into the folder {value}: {reason}.</source>
        <translation>In den Ordner {value} kann nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <source>Choose a folder you can write to.</source>
        <translation>Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
    <message>
        <source>Line {line} of the staff list {what}.</source>
        <translation>Zeile {line} der Mitarbeiterliste: {what}.</translation>
    </message>
    <message>
        <source>Correct that line: an account name, then optionally the address and the name shown, separated by commas.</source>
        <translation>Korrigieren Sie diese Zeile: ein Kontoname, danach wahlweise die Adresse und der angezeigte Name, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>The staff list has more than {max_staff} people.</source>
        <translation>Die Mitarbeiterliste enthält mehr als {max_staff} Personen.</translation>
    </message>
    <message>
        <source>Split it into smaller lists.</source>
        <translation>Teilen Sie sie in kleinere Listen auf.</translation>
    </message>
    <message>
        <source>The staff list names nobody.</source>
        <translation>Die Mitarbeiterliste nennt niemanden.</translation>
    </message>
    <message>
        <source>Give one person a line: an account name, then optionally the address and the name shown, separated by commas.</source>
        <translation>Eine Zeile pro Person: ein Kontoname, danach wahlweise die Adresse und der angezeigte Name, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>No keyring is available to keep passwords in ({value}).</source>
        <translation>Es ist kein Schlüsselbund verfügbar, in dem Passwörter aufbewahrt werden können ({value}).</translation>
    </message>
    <message>
        <source>Install your desktop&apos;s keyring (gnome-keyring, or KWallet or KeePassXC with Secret Service enabled) and run the wizard inside your desktop session, or go on without saving: the wizard then asks for the password whenever it needs it.</source>
        <translation>Installieren Sie den Schlüsselbund Ihres Desktops (gnome-keyring oder KWallet oder KeePassXC mit eingeschaltetem Secret Service) und starten Sie den Assistenten in Ihrer Desktop-Sitzung, oder fahren Sie ohne Speichern fort: Der Assistent fragt dann jedes Mal nach dem Passwort, wenn er es braucht.</translation>
    </message>
    <message>
        <source>The desktop keyring cannot be reached over D-Bus ({value}).</source>
        <translation>Der Schlüsselbund des Desktops ist über D-Bus nicht erreichbar ({value}).</translation>
    </message>
    <message>
        <source>Run the wizard inside your desktop session, with gnome-keyring (or another Secret Service) installed and running, or go on without saving: the wizard then asks for the password whenever it needs it.</source>
        <translation>Starten Sie den Assistenten in Ihrer Desktop-Sitzung, mit installiertem und laufendem gnome-keyring (oder einem anderen Secret Service), oder fahren Sie ohne Speichern fort: Der Assistent fragt dann jedes Mal nach dem Passwort, wenn er es braucht.</translation>
    </message>
    <message>
        <source>Your keyring is locked, so passwords can be neither saved nor read ({reason}).</source>
        <translation>Ihr Schlüsselbund ist gesperrt, daher können Passwörter weder gespeichert noch gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>Your keyring is locked, so passwords can be neither saved nor read.</source>
        <translation>Ihr Schlüsselbund ist gesperrt, daher können Passwörter weder gespeichert noch gelesen werden.</translation>
    </message>
    <message>
        <source>Unlock your login keyring (for example in Passwords and Keys, or by logging in to the desktop again) and try again, or go on without saving: the wizard then asks for the password whenever it needs it.</source>
        <translation>Entsperren Sie Ihren Anmelde-Schlüsselbund (zum Beispiel in „Passwörter und Schlüssel“ oder durch erneutes Anmelden am Desktop) und versuchen Sie es erneut, oder fahren Sie ohne Speichern fort: Der Assistent fragt dann jedes Mal nach dem Passwort, wenn er es braucht.</translation>
    </message>
    <message>
        <source>{user} cannot be used as a user name in the keyring.</source>
        <translation>{user} kann nicht als Benutzername im Schlüsselbund verwendet werden.</translation>
    </message>
    <message>
        <source>Give the account name without spaces at either end or control characters.</source>
        <translation>Geben Sie den Kontonamen ohne Leerzeichen am Anfang oder Ende und ohne Steuerzeichen an.</translation>
    </message>
    <message>
        <source>An empty password cannot be saved.</source>
        <translation>Ein leeres Passwort kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Type the password to save.</source>
        <translation>Geben Sie das zu speichernde Passwort ein.</translation>
    </message>
    <message>
        <source>The password contains a NUL character and cannot be saved.</source>
        <translation>Das Passwort enthält ein NUL-Zeichen und kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The configured keyring ({name}) keeps passwords in a file on disk, which Relay Wizard refuses to do.</source>
        <translation>Der eingestellte Schlüsselbund ({name}) legt Passwörter in einer Datei auf der Festplatte ab, was Relay Wizard ablehnt.</translation>
    </message>
    <message>
        <source>Remove that setting (PYTHON_KEYRING_BACKEND, or keyringrc.cfg in keyring&apos;s configuration folder) so that your desktop&apos;s keyring is used, or go on without saving: the wizard then asks for the password whenever it needs it.</source>
        <translation>Entfernen Sie diese Einstellung (PYTHON_KEYRING_BACKEND oder keyringrc.cfg im Konfigurationsordner von keyring), damit der Schlüsselbund Ihres Desktops verwendet wird, oder fahren Sie ohne Speichern fort: Der Assistent fragt dann jedes Mal nach dem Passwort, wenn er es braucht.</translation>
    </message>
    <message>
        <source>The keyring refused the operation: {exc}.</source>
        <translation>Der Schlüsselbund hat den Vorgang abgelehnt: {exc}.</translation>
    </message>
    <message>
        <source>Try again, or go on without saving: the wizard then asks for the password whenever it needs it.</source>
        <translation>Versuchen Sie es erneut, oder fahren Sie ohne Speichern fort: Der Assistent fragt dann jedes Mal nach dem Passwort, wenn er es braucht.</translation>
    </message>
    <message>
        <source>{name} cannot be the name of a saved server.</source>
        <translation>{name} kann nicht der Name eines gespeicherten Servers sein.</translation>
    </message>
    <message>
        <source>Use 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, starting with a letter or digit.</source>
        <translation>Verwenden Sie 1 bis 64 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos;, beginnend mit einem Buchstaben oder einer Ziffer.</translation>
    </message>
    <message>
        <source>{text} is not an SSH host key fingerprint.</source>
        <translation>{text} ist kein Fingerabdruck eines SSH-Hostschlüssels.</translation>
    </message>
    <message>
        <source>Give it as ssh-keygen -l prints it: SHA256: and 43 characters.</source>
        <translation>Geben Sie ihn so an, wie ssh-keygen -l ihn ausgibt: SHA256: und 43 Zeichen.</translation>
    </message>
    <message>
        <source>Unknown relay profile {relay_profile}.</source>
        <translation>Unbekanntes Relay-Profil {relay_profile}.</translation>
    </message>
    <message>
        <source>Choose modern or classic.</source>
        <translation>Wählen Sie modern oder classic.</translation>
    </message>
    <message>
        <source>Unknown connection security {security}.</source>
        <translation>Unbekannte Verbindungssicherheit {security}.</translation>
    </message>
    <message>
        <source>Choose starttls, tls (implicit, usually port 465) or none.</source>
        <translation>Wählen Sie starttls, tls (implizit, meist Port 465) oder none.</translation>
    </message>
    <message>
        <source>Unknown login method {mechanism}.</source>
        <translation>Unbekanntes Anmeldeverfahren {mechanism}.</translation>
    </message>
    <message>
        <source>Choose {mechanisms}.</source>
        <translation>Wählen Sie {mechanisms}.</translation>
    </message>
    <message>
        <source>The mail account {smtp_user} is not text.</source>
        <translation>Das Mailkonto {smtp_user} ist kein Text.</translation>
    </message>
    <message>
        <source>{verified_at} is not a time.</source>
        <translation>{verified_at} ist keine Zeitangabe.</translation>
    </message>
    <message>
        <source>A server entry is not a JSON object.</source>
        <translation>Ein Servereintrag ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>Unknown field {unknown}.</source>
        <translation>Unbekanntes Feld {unknown}.</translation>
    </message>
    <message>
        <source>The field {required} is missing.</source>
        <translation>Das Feld {required} fehlt.</translation>
    </message>
    <message>
        <source>The field {key} is not a number: {value}.</source>
        <translation>Das Feld {key} ist keine Zahl: {value}.</translation>
    </message>
    <message>
        <source>The field {key} is not text: {value}.</source>
        <translation>Das Feld {key} ist kein Text: {value}.</translation>
    </message>
    <message>
        <source>{value} is not a port number.</source>
        <translation>{value} ist keine Portnummer.</translation>
    </message>
    <message>
        <source>Give a number from 1 to 65535.</source>
        <translation>Geben Sie eine Zahl von 1 bis 65535 an.</translation>
    </message>
    <message>
        <source>A time without a time zone cannot be saved.</source>
        <translation>Eine Zeit ohne Zeitzone kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The field &apos;verified_at&apos; is not a time: {value}.</source>
        <translation>Das Feld &apos;verified_at&apos; ist keine Zeitangabe: {value}.</translation>
    </message>
    <message>
        <source>The time {value} has no time zone.</source>
        <translation>Die Zeit {value} hat keine Zeitzone.</translation>
    </message>
    <message>
        <source>Cannot read the saved servers in {path}: {value}.</source>
        <translation>Die gespeicherten Server in {path} können nicht gelesen werden: {value}.</translation>
    </message>
    <message>
        <source>Check that it is a readable file (not a folder) and its permissions.</source>
        <translation>Prüfen Sie, ob es eine lesbare Datei (kein Ordner) ist, und ihre Berechtigungen.</translation>
    </message>
    <message>
        <source>The saved servers in {path} were written by a newer Relay Wizard (format version {version}).</source>
        <translation>Die gespeicherten Server in {path} wurden von einem neueren Relay Wizard geschrieben (Formatversion {version}).</translation>
    </message>
    <message>
        <source>Use that newer version, or move the file aside to start a new list.</source>
        <translation>Verwenden Sie diese neuere Version, oder legen Sie die Datei beiseite, um eine neue Liste zu beginnen.</translation>
    </message>
    <message>
        <source>The saved servers in {path} are being changed by another Relay Wizard (a window or the command line), which did not finish within {lock_wait} s.</source>
        <translation>Die gespeicherten Server in {path} werden gerade von einem anderen Relay Wizard geändert (einem Fenster oder der Befehlszeile), der nicht innerhalb von {lock_wait} s fertig wurde.</translation>
    </message>
    <message>
        <source>Try again in a moment; if it keeps happening, close the other Relay Wizard.</source>
        <translation>Versuchen Sie es gleich noch einmal; wenn es wieder passiert, schließen Sie den anderen Relay Wizard.</translation>
    </message>
    <message>
        <source>The saved servers in {path} are damaged ({reason}).</source>
        <translation>Die gespeicherten Server in {path} sind beschädigt ({reason}).</translation>
    </message>
    <message>
        <source>Move the file aside (for example to {name}.bad) and add the servers again; their passwords in the keyring are kept.</source>
        <translation>Legen Sie die Datei beiseite (zum Beispiel als {name}.bad) und fügen Sie die Server erneut hinzu; ihre Passwörter im Schlüsselbund bleiben erhalten.</translation>
    </message>
    <message>
        <source>Cannot save the servers in {path}: {value}.</source>
        <translation>Die Server können nicht in {path} gespeichert werden: {value}.</translation>
    </message>
    <message>
        <source>Check that the folder is writable and the disk is not full.</source>
        <translation>Prüfen Sie, ob der Ordner beschreibbar und die Festplatte nicht voll ist.</translation>
    </message>
    <message>
        <source>No saved server is called {name}.</source>
        <translation>Kein gespeicherter Server heißt {name}.</translation>
    </message>
    <message>
        <source>List the saved servers and pick one.</source>
        <translation>Lassen Sie die gespeicherten Server anzeigen und wählen Sie einen aus.</translation>
    </message>
    <message>
        <source>The server&apos;s {mechanism} challenge is not valid base64 ({shown}).</source>
        <translation>Die {mechanism}-Challenge des Servers ist kein gültiges Base64 ({shown}).</translation>
    </message>
    <message>
        <source>The server&apos;s DIGEST-MD5 challenge names an unusable realm &apos;{realm}&apos;.</source>
        <translation>Die DIGEST-MD5-Challenge des Servers nennt einen unbrauchbaren Realm &apos;{realm}&apos;.</translation>
    </message>
    <message>
        <source>Could not read the server&apos;s certificate.</source>
        <translation>Das Zertifikat des Servers konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Check that the server can still be reached over SSH, then try again.</source>
        <translation>Prüfen Sie, ob der Server noch per SSH erreichbar ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The certificate presented ({value}) is not the one the mail server uses on the server ({sha256}, read over SSH). Something between this computer and the server may be intercepting the connection, or the name leads to another machine. No password was sent.</source>
        <translation>Das vorgelegte Zertifikat ({value}) ist nicht das, das der Mailserver auf dem Server verwendet ({sha256}, per SSH gelesen). Etwas zwischen diesem Computer und dem Server fängt möglicherweise die Verbindung ab, oder der Name führt zu einem anderen Rechner. Es wurde kein Passwort gesendet.</translation>
    </message>
    <message>
        <source>Type the user name again.</source>
        <translation>Geben Sie den Benutzernamen erneut ein.</translation>
    </message>
    <message>
        <source>The mechanism &apos;{mechanism}&apos; is not one this client speaks.</source>
        <translation>Das Verfahren &apos;{mechanism}&apos; beherrscht dieses Programm nicht.</translation>
    </message>
    <message>
        <source>Use one of {mechanisms}.</source>
        <translation>Verwenden Sie eines von {mechanisms}.</translation>
    </message>
    <message>
        <source>The server does not offer SMTP AUTH here.</source>
        <translation>Der Server bietet hier kein SMTP AUTH an.</translation>
    </message>
    <message>
        <source>The server offers only PLAIN or LOGIN here, and without TLS the password would cross the network readable (it offers: {offered}).</source>
        <translation>Der Server bietet hier nur PLAIN oder LOGIN an, und ohne TLS ginge das Passwort lesbar über das Netz (angeboten: {offered}).</translation>
    </message>
    <message>
        <source>Use STARTTLS or implicit TLS, or name the mechanism to use.</source>
        <translation>Verwenden Sie STARTTLS oder implizites TLS, oder nennen Sie das zu verwendende Verfahren.</translation>
    </message>
    <message>
        <source>The login was refused: {r}.</source>
        <translation>Die Anmeldung wurde abgelehnt: {r}.</translation>
    </message>
    <message>
        <source>The sender &lt;{sender}&gt; was refused: {r}.</source>
        <translation>Der Absender &lt;{sender}&gt; wurde abgelehnt: {r}.</translation>
    </message>
    <message>
        <source>The recipient &lt;{recipient}&gt; was refused: {r}.</source>
        <translation>Der Empfänger &lt;{recipient}&gt; wurde abgelehnt: {r}.</translation>
    </message>
    <message>
        <source>The message was refused: {r}.</source>
        <translation>Die Nachricht wurde abgelehnt: {r}.</translation>
    </message>
    <message>
        <source>{text} is not a SHA-256 certificate fingerprint.</source>
        <translation>{text} ist kein SHA-256-Fingerabdruck eines Zertifikats.</translation>
    </message>
    <message>
        <source>Give 64 hexadecimal digits (colons allowed), as shown by the wizard.</source>
        <translation>Geben Sie 64 Hexadezimalziffern an (Doppelpunkte erlaubt), wie der Assistent sie zeigt.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: {value}.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut: {value}.</translation>
    </message>
    <message>
        <source>If the server uses a self-signed certificate, compare its fingerprint with the one on the server and pin it.</source>
        <translation>Wenn der Server ein selbst signiertes Zertifikat verwendet, vergleichen Sie seinen Fingerabdruck mit dem auf dem Server und legen Sie ihn fest.</translation>
    </message>
    <message>
        <source>The TLS handshake failed: {value}.</source>
        <translation>Der TLS-Verbindungsaufbau ist fehlgeschlagen: {value}.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate ({fingerprint}) is not the pinned one.</source>
        <translation>Das Zertifikat des Servers ({fingerprint}) ist nicht das festgelegte.</translation>
    </message>
    <message>
        <source>If the certificate was renewed on purpose, pin the new fingerprint.</source>
        <translation>Wenn das Zertifikat absichtlich erneuert wurde, legen Sie den neuen Fingerabdruck fest.</translation>
    </message>
    <message>
        <source>The server&apos;s mail name {realm} is not a valid domain name, so it cannot be used as the SASL realm.</source>
        <translation>Der Mailname des Servers {realm} ist kein gültiger Domainname und kann daher nicht als SASL-Realm dienen.</translation>
    </message>
    <message>
        <source>Give the server a fully qualified host name (e.g. mail.example.com in /etc/hosts).</source>
        <translation>Geben Sie dem Server einen vollständigen Hostnamen (z. B. mail.example.com in /etc/hosts).</translation>
    </message>
    <message>
        <source>{name} is not a usable account name.</source>
        <translation>{name} ist kein brauchbarer Kontoname.</translation>
    </message>
    <message>
        <source>Use 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos;, &apos;+&apos; or &apos;-&apos;, starting with a letter or digit; no spaces.</source>
        <translation>Verwenden Sie 1 bis 64 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos;, &apos;+&apos; oder &apos;-&apos;, beginnend mit einem Buchstaben oder einer Ziffer; keine Leerzeichen.</translation>
    </message>
    <message>
        <source>{name} is not a usable account name: {user_realm} is not a domain name.</source>
        <translation>{name} ist kein brauchbarer Kontoname: {user_realm} ist kein Domainname.</translation>
    </message>
    <message>
        <source>Give the name without &apos;@&apos;; it is created in the server&apos;s realm.</source>
        <translation>Geben Sie den Namen ohne &apos;@&apos; an; er wird im Realm des Servers angelegt.</translation>
    </message>
    <message>
        <source>The account {name} names the realm {user_realm}, but this server&apos;s mail server uses the realm {realm}: such an account could never log in.</source>
        <translation>Das Konto {name} nennt den Realm {user_realm}, aber der Mailserver auf diesem Server verwendet den Realm {realm}: Ein solches Konto könnte sich nie anmelden.</translation>
    </message>
    <message>
        <source>Give the name without &apos;@&apos; (it is created as {bare}@{realm}).</source>
        <translation>Geben Sie den Namen ohne &apos;@&apos; an (er wird als {bare}@{realm} angelegt).</translation>
    </message>
    <message>
        <source>The password is empty.</source>
        <translation>Das Passwort ist leer.</translation>
    </message>
    <message>
        <source>Type a password, or let Relay Wizard generate a strong one.</source>
        <translation>Geben Sie ein Passwort ein, oder lassen Sie Relay Wizard ein starkes erzeugen.</translation>
    </message>
    <message>
        <source>The password contains a line break or NUL character.</source>
        <translation>Das Passwort enthält einen Zeilenumbruch oder ein NUL-Zeichen.</translation>
    </message>
    <message>
        <source>saslpasswd2 reads one line: choose a password without line breaks.</source>
        <translation>saslpasswd2 liest eine Zeile: Wählen Sie ein Passwort ohne Zeilenumbrüche.</translation>
    </message>
    <message>
        <source>The password is shorter than 8 characters.</source>
        <translation>Das Passwort ist kürzer als 8 Zeichen.</translation>
    </message>
    <message>
        <source>Choose a longer one, or let Relay Wizard generate a strong one.</source>
        <translation>Wählen Sie ein längeres, oder lassen Sie Relay Wizard ein starkes erzeugen.</translation>
    </message>
    <message>
        <source>The password is longer than {max_password_bytes} bytes.</source>
        <translation>Das Passwort ist länger als {max_password_bytes} Bytes.</translation>
    </message>
    <message>
        <source>saslpasswd2 would silently cut it short: choose a shorter one.</source>
        <translation>saslpasswd2 würde es stillschweigend kürzen: Wählen Sie ein kürzeres.</translation>
    </message>
    <message>
        <source>This server&apos;s Postfix checks logins with Dovecot, so the mail accounts are Dovecot&apos;s: Relay Wizard did not change anything.</source>
        <translation>Postfix prüft Anmeldungen auf diesem Server mit Dovecot, die E-Mail-Konten gehören also zu Dovecot: Relay Wizard hat nichts geändert.</translation>
    </message>
    <message>
        <source>Add, change or remove the account where Dovecot keeps its users (often the server&apos;s own user accounts, or Dovecot&apos;s passwd file).</source>
        <translation>Legen Sie das Konto dort an, ändern oder entfernen Sie es dort, wo Dovecot seine Benutzer verwaltet (oft die Benutzerkonten des Servers selbst oder die passwd-Datei von Dovecot).</translation>
    </message>
    <message>
        <source>Could not read Postfix&apos;s host name on the server.</source>
        <translation>Der Hostname von Postfix konnte auf dem Server nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Check that Postfix is installed and postconf works.</source>
        <translation>Prüfen Sie, ob Postfix installiert ist und postconf funktioniert.</translation>
    </message>
    <message>
        <source>Could not read sendmail&apos;s canonical name ($j) on the server.</source>
        <translation>Der kanonische Name von sendmail ($j) konnte auf dem Server nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Check that sendmail is installed and its configuration builds.</source>
        <translation>Prüfen Sie, ob sendmail installiert ist und seine Konfiguration sich erstellen lässt.</translation>
    </message>
    <message>
        <source>Could not list the mail accounts: {value}.</source>
        <translation>Die Mailkonten konnten nicht aufgelistet werden: {value}.</translation>
    </message>
    <message>
        <source>Check that sasl2-bin (or cyrus-sasl) is installed on the server.</source>
        <translation>Prüfen Sie, ob sasl2-bin (oder cyrus-sasl) auf dem Server installiert ist.</translation>
    </message>
    <message>
        <source>The account(s) {twice} appear more than once.</source>
        <translation>Diese Konten kommen mehrfach vor: {twice}.</translation>
    </message>
    <message>
        <source>Give each account once.</source>
        <translation>Geben Sie jedes Konto nur einmal an.</translation>
    </message>
    <message>
        <source>Changing the mail accounts failed on the server: {value}</source>
        <translation>Das Ändern der Mailkonten ist auf dem Server fehlgeschlagen: {value}</translation>
    </message>
    <message>
        <source>Look at the server&apos;s mail log for the reason.</source>
        <translation>Den Grund finden Sie im Mailprotokoll des Servers.</translation>
    </message>
    <message>
        <source>There is no account {name}@{realm}.</source>
        <translation>Es gibt kein Konto {name}@{realm}.</translation>
    </message>
    <message>
        <source>Check the name in the list of accounts.</source>
        <translation>Prüfen Sie den Namen in der Liste der Konten.</translation>
    </message>
    <message>
        <source>Removing {name}@{realm} failed: {value}</source>
        <translation>Das Entfernen von {name}@{realm} ist fehlgeschlagen: {value}</translation>
    </message>
    <message>
        <source>The command `{shown}` did not finish within {timeout} s; it was stopped.</source>
        <translation>Der Befehl `{shown}` wurde nicht innerhalb von {timeout} s fertig; er wurde angehalten.</translation>
    </message>
    <message>
        <source>The server may be overloaded or the command stuck; try again, or allow more time.</source>
        <translation>Der Server ist vielleicht überlastet oder der Befehl hängt; versuchen Sie es erneut oder lassen Sie mehr Zeit.</translation>
    </message>
    <message>
        <source>The connection to {host} was lost (while running `{shown}`).</source>
        <translation>Die Verbindung zu {host} ist abgebrochen (während `{shown}` lief).</translation>
    </message>
    <message>
        <source>Check the network and connect again.</source>
        <translation>Prüfen Sie das Netzwerk und verbinden Sie sich erneut.</translation>
    </message>
    <message>
        <source>The server {host} refused to run `{shown}` (the SSH exec request failed).</source>
        <translation>Der Server {host} hat es abgelehnt, `{shown}` auszuführen (die SSH-exec-Anfrage ist fehlgeschlagen).</translation>
    </message>
    <message>
        <source>Check the server&apos;s sshd configuration (ForceCommand, MaxSessions) and connect again.</source>
        <translation>Prüfen Sie die sshd-Konfiguration des Servers (ForceCommand, MaxSessions) und verbinden Sie sich erneut.</translation>
    </message>
    <message>
        <source>Looking up the server name {host} took longer than {timeout} s.</source>
        <translation>Das Nachschlagen des Servernamens {host} hat länger als {timeout} s gedauert.</translation>
    </message>
    <message>
        <source>Check this computer&apos;s network and DNS settings, or use the server&apos;s IP address.</source>
        <translation>Prüfen Sie die Netzwerk- und DNS-Einstellungen dieses Computers, oder verwenden Sie die IP-Adresse des Servers.</translation>
    </message>
    <message>
        <source>Look at the transcript: the last reply says why.</source>
        <translation>Sehen Sie sich den Gesprächsverlauf an: Die letzte Antwort nennt den Grund.</translation>
    </message>
    <message>
        <source>The server does not speak SMTP as RFC 5321 says (or is not a mail server): look at the transcript.</source>
        <translation>Der Server spricht SMTP nicht so, wie RFC 5321 es vorschreibt (oder ist kein Mailserver): Sehen Sie sich den Gesprächsverlauf an.</translation>
    </message>
    <message>
        <source>Try again; if it happens again, look at the server&apos;s load and its mail log.</source>
        <translation>Versuchen Sie es erneut; wenn es wieder geschieht, sehen Sie sich die Last des Servers und sein Mailprotokoll an.</translation>
    </message>
    <message>
        <source>The SMTP command &apos;{command}&apos; holds a line break or NUL character, so it was not sent.</source>
        <translation>Der SMTP-Befehl &apos;{command}&apos; enthält einen Zeilenumbruch oder ein NUL-Zeichen und wurde daher nicht gesendet.</translation>
    </message>
    <message>
        <source>Remove the line break from the value (an address, a name) it was made of.</source>
        <translation>Entfernen Sie den Zeilenumbruch aus dem Wert (einer Adresse, einem Namen), aus dem er gebildet wurde.</translation>
    </message>
    <message>
        <source>Unknown mechanism {mechanism}.</source>
        <translation>Unbekanntes Verfahren {mechanism}.</translation>
    </message>
    <message>
        <source>Cannot find the server name {host} ({reason}).</source>
        <translation>Der Servername {host} wurde nicht gefunden ({reason}).</translation>
    </message>
    <message>
        <source>Nothing accepts mail on {host} port {port}: the connection was refused.</source>
        <translation>Auf {host} Port {port} nimmt nichts Mail an: Die Verbindung wurde abgewiesen.</translation>
    </message>
    <message>
        <source>The mail server may listen on 127.0.0.1 only, or not on this port.</source>
        <translation>Der Mailserver lauscht vielleicht nur auf 127.0.0.1 oder nicht auf diesem Port.</translation>
    </message>
    <message>
        <source>{host} port {port} did not answer within {seconds} s.</source>
        <translation>{host} Port {port} hat nicht innerhalb von {seconds} s geantwortet.</translation>
    </message>
    <message>
        <source>Cannot connect to {host} port {port}: {reason}.</source>
        <translation>Keine Verbindung zu {host} Port {port}: {reason}.</translation>
    </message>
    <message>
        <source>The server does not offer {mechanism} here (it offers: {offered}).</source>
        <translation>Der Server bietet {mechanism} hier nicht an (er bietet an: {offered}).</translation>
    </message>
    <message>
        <source>The server does not offer {mechanism} here (it offers no AUTH at all).</source>
        <translation>Der Server bietet {mechanism} hier nicht an (er bietet überhaupt kein AUTH an).</translation>
    </message>
    <message>
        <source>The user name or password holds a NUL character, which SMTP AUTH cannot carry.</source>
        <translation>Der Benutzername oder das Passwort enthält ein NUL-Zeichen, das SMTP AUTH nicht übertragen kann.</translation>
    </message>
    <message>
        <source>Type the user name and password again.</source>
        <translation>Geben Sie Benutzername und Passwort erneut ein.</translation>
    </message>
    <message>
        <source>Check the spelling of the server name, or use its IP address. If the name is right, check this computer&apos;s DNS settings.</source>
        <translation>Prüfen Sie die Schreibweise des Servernamens, oder verwenden Sie seine IP-Adresse. Wenn der Name stimmt, prüfen Sie die DNS-Einstellungen dieses Computers.</translation>
    </message>
    <message>
        <source>Nothing listens on port {port} of {host}: the connection was refused.</source>
        <translation>Auf Port {port} von {host} lauscht nichts: Die Verbindung wurde abgelehnt.</translation>
    </message>
    <message>
        <source>Is the SSH server running on it, and is {port} the right port?</source>
        <translation>Läuft dort der SSH-Server, und ist {port} der richtige Port?</translation>
    </message>
    <message>
        <source>Check the address, that the server is switched on, and this computer&apos;s network.</source>
        <translation>Prüfen Sie die Adresse, ob der Server eingeschaltet ist, und das Netzwerk dieses Computers.</translation>
    </message>
    <message>
        <source>Check the address, that the server is up, and that no firewall blocks port {port}.</source>
        <translation>Prüfen Sie die Adresse, ob der Server läuft und ob keine Firewall Port {port} sperrt.</translation>
    </message>
    <message>
        <source>The server {host} (port {port}) cannot be reached: {value}.</source>
        <translation>Der Server {host} (Port {port}) ist nicht erreichbar: {value}.</translation>
    </message>
    <message>
        <source>The server {host} (port {port}) did not answer within {timeout} s.</source>
        <translation>Der Server {host} (Port {port}) hat nicht innerhalb von {timeout} s geantwortet.</translation>
    </message>
    <message>
        <source>Cannot connect to {host} (port {port}): {value}.</source>
        <translation>Keine Verbindung zu {host} (Port {port}): {value}.</translation>
    </message>
    <message>
        <source>Check the address and port, and this computer&apos;s network.</source>
        <translation>Prüfen Sie Adresse und Port sowie das Netzwerk dieses Computers.</translation>
    </message>
    <message>
        <source>Cannot find an address for {host}.</source>
        <translation>Für {host} wurde keine Adresse gefunden.</translation>
    </message>
    <message>
        <source>The server {host} (port {port}) accepted the connection but did not complete the SSH handshake within {timeout} s.</source>
        <translation>Der Server {host} (Port {port}) hat die Verbindung angenommen, den SSH-Verbindungsaufbau aber nicht innerhalb von {timeout} s abgeschlossen.</translation>
    </message>
    <message>
        <source>Check that an SSH server (not another service) listens on this port.</source>
        <translation>Prüfen Sie, ob auf diesem Port ein SSH-Server (und kein anderer Dienst) lauscht.</translation>
    </message>
    <message>
        <source>The service on port {port} of {host} does not speak SSH.</source>
        <translation>Der Dienst auf Port {port} von {host} spricht kein SSH.</translation>
    </message>
    <message>
        <source>Check the port number: SSH usually listens on port 22, port {port} seems to be another service.</source>
        <translation>Prüfen Sie die Portnummer: SSH lauscht meist auf Port 22, Port {port} scheint ein anderer Dienst zu sein.</translation>
    </message>
    <message>
        <source>The SSH handshake with {host} (port {port}) failed: {text}.</source>
        <translation>Der SSH-Verbindungsaufbau mit {host} (Port {port}) ist fehlgeschlagen: {text}.</translation>
    </message>
    <message>
        <source>The server may only offer algorithms this program does not support; check its sshd settings.</source>
        <translation>Der Server bietet vielleicht nur Verfahren an, die dieses Programm nicht unterstützt; prüfen Sie seine sshd-Einstellungen.</translation>
    </message>
    <message>
        <source>{path} is not an absolute path on the server.</source>
        <translation>{path} ist kein absoluter Pfad auf dem Server.</translation>
    </message>
    <message>
        <source>Give a path such as /etc/mail/sendmail.mc.</source>
        <translation>Geben Sie einen Pfad wie /etc/mail/sendmail.mc an.</translation>
    </message>
    <message>
        <source>{path} names a directory, not a file.</source>
        <translation>{path} ist ein Verzeichnis, keine Datei.</translation>
    </message>
    <message>
        <source>Cannot read {path} on the server. {value}</source>
        <translation>{path} kann auf dem Server nicht gelesen werden. {value}</translation>
    </message>
    <message>
        <source>{mode} is not a file mode.</source>
        <translation>{mode} ist kein Dateimodus.</translation>
    </message>
    <message>
        <source>Use a mode such as 0o644 or 0o600.</source>
        <translation>Verwenden Sie einen Modus wie 0o644 oder 0o600.</translation>
    </message>
    <message>
        <source>{name} is not a valid owner name.</source>
        <translation>{name} ist kein gültiger Name für einen Besitzer.</translation>
    </message>
    <message>
        <source>{name} is not a valid group name.</source>
        <translation>{name} ist kein gültiger Gruppenname.</translation>
    </message>
    <message>
        <source>Cannot write {path} on the server. {value}</source>
        <translation>{path} kann auf dem Server nicht geschrieben werden. {value}</translation>
    </message>
    <message>
        <source>mktemp gave no path: {value}</source>
        <translation>mktemp hat keinen Pfad geliefert: {value}</translation>
    </message>
    <message>
        <source>Cannot write {path}: the directory {directory} does not exist on the server.</source>
        <translation>{path} kann nicht geschrieben werden: Das Verzeichnis {directory} gibt es auf dem Server nicht.</translation>
    </message>
    <message>
        <source>Cannot upload the new content of {path} to the server: {exc}.</source>
        <translation>Der neue Inhalt von {path} kann nicht auf den Server übertragen werden: {exc}.</translation>
    </message>
    <message>
        <source>{key_line} is not an SSH public key line.</source>
        <translation>{key_line} ist keine Zeile mit einem öffentlichen SSH-Schlüssel.</translation>
    </message>
    <message>
        <source>Expected &apos;key-type base64-data&apos;.</source>
        <translation>Erwartet wird &apos;Schlüsseltyp Base64-Daten&apos;.</translation>
    </message>
    <message>
        <source>The {key_type} key data is not valid base64 key data.</source>
        <translation>Die {key_type}-Schlüsseldaten sind keine gültigen Base64-Schlüsseldaten.</translation>
    </message>
    <message>
        <source>The key data says {value}, the line says {key_type}.</source>
        <translation>Die Schlüsseldaten sagen {value}, die Zeile sagt {key_type}.</translation>
    </message>
    <message>
        <source>The key line is damaged: copy it again.</source>
        <translation>Die Schlüsselzeile ist beschädigt: Kopieren Sie sie erneut.</translation>
    </message>
    <message>
        <source>Cannot read the known hosts file {path}: {strerror}.</source>
        <translation>Die Datei der bekannten Hosts {path} kann nicht gelesen werden: {strerror}.</translation>
    </message>
    <message>
        <source>Check the file&apos;s permissions.</source>
        <translation>Prüfen Sie die Berechtigungen der Datei.</translation>
    </message>
    <message>
        <source>{host} cannot be saved as a host name.</source>
        <translation>{host} kann nicht als Hostname gespeichert werden.</translation>
    </message>
    <message>
        <source>{what} is not something that takes the server lock.</source>
        <translation>{what} kann die Serversperre nicht setzen.</translation>
    </message>
    <message>
        <source>{user} is not a valid login name.</source>
        <translation>{user} ist kein gültiger Anmeldename.</translation>
    </message>
    <message>
        <source>{wait} is not a wait from 0 to 3600 seconds.</source>
        <translation>{wait} ist keine Wartezeit von 0 bis 3600 Sekunden.</translation>
    </message>
    <message>
        <source>{lease} is not a lease from 5 to 3600 seconds.</source>
        <translation>{lease} ist keine Haltezeit von 5 bis 3600 Sekunden.</translation>
    </message>
    <message>
        <source>{id} is not a lock id.</source>
        <translation>{id} ist keine Sperrkennung.</translation>
    </message>
    <message>
        <source>Cannot take the Relay Wizard lock on the server. {value}</source>
        <translation>Die Relay-Wizard-Sperre auf dem Server kann nicht gesetzt werden. {value}</translation>
    </message>
    <message>
        <source>Cannot read the key file {path}: {strerror}.</source>
        <translation>Die Schlüsseldatei {path} kann nicht gelesen werden: {strerror}.</translation>
    </message>
    <message>
        <source>Choose the private key file (not the .pub file) and check its permissions.</source>
        <translation>Wählen Sie die Datei mit dem privaten Schlüssel (nicht die .pub-Datei) und prüfen Sie ihre Berechtigungen.</translation>
    </message>
    <message>
        <source>{path} is not a private key this program can read.</source>
        <translation>{path} ist kein privater Schlüssel, den dieses Programm lesen kann.</translation>
    </message>
    <message>
        <source>Choose an OpenSSH or PEM private key (RSA, ECDSA or Ed25519), not the .pub file.</source>
        <translation>Wählen Sie einen privaten OpenSSH- oder PEM-Schlüssel (RSA, ECDSA oder Ed25519), nicht die .pub-Datei.</translation>
    </message>
    <message>
        <source>{path} holds a key type this program cannot use.</source>
        <translation>{path} enthält einen Schlüsseltyp, den dieses Programm nicht verwenden kann.</translation>
    </message>
    <message>
        <source>The key file {path} is protected by a passphrase, and none was given.</source>
        <translation>Die Schlüsseldatei {path} ist mit einer Passphrase geschützt, und es wurde keine angegeben.</translation>
    </message>
    <message>
        <source>Enter the key&apos;s passphrase.</source>
        <translation>Geben Sie die Passphrase des Schlüssels ein.</translation>
    </message>
    <message>
        <source>The passphrase for the key file {path} is wrong.</source>
        <translation>Die Passphrase für die Schlüsseldatei {path} ist falsch.</translation>
    </message>
    <message>
        <source>Enter the passphrase again (it is the one chosen when the key was made).</source>
        <translation>Geben Sie die Passphrase erneut ein (die, die beim Erzeugen des Schlüssels gewählt wurde).</translation>
    </message>
    <message>
        <source>The connection to {host} closed during the login ({exc}).</source>
        <translation>Die Verbindung zu {host} wurde während der Anmeldung geschlossen ({exc}).</translation>
    </message>
    <message>
        <source>The server may limit login attempts (MaxAuthTries): try again with fewer keys.</source>
        <translation>Der Server begrenzt vielleicht die Anmeldeversuche (MaxAuthTries): Versuchen Sie es mit weniger Schlüsseln erneut.</translation>
    </message>
    <message>
        <source>There is no way to log in as {user}: no password, no key file, and no key in an SSH agent.</source>
        <translation>Es gibt keinen Weg, sich als {user} anzumelden: kein Passwort, keine Schlüsseldatei und kein Schlüssel in einem SSH-Agenten.</translation>
    </message>
    <message>
        <source>Enter the password, or choose a key file.</source>
        <translation>Geben Sie das Passwort ein, oder wählen Sie eine Schlüsseldatei.</translation>
    </message>
    <message>
        <source>The server does not accept password logins for user {user} (it accepts: {allowed}).</source>
        <translation>Der Server nimmt für den Benutzer {user} keine Anmeldung mit Passwort an (er nimmt an: {allowed}).</translation>
    </message>
    <message>
        <source>Log in with an SSH key file instead.</source>
        <translation>Melden Sie sich stattdessen mit einer SSH-Schlüsseldatei an.</translation>
    </message>
    <message>
        <source>The server refused the login for user {user} (tried: {tried}).</source>
        <translation>Der Server hat die Anmeldung des Benutzers {user} abgelehnt (versucht: {tried}).</translation>
    </message>
    <message>
        <source>A command argument is not text.</source>
        <translation>Ein Argument des Befehls ist kein Text.</translation>
    </message>
    <message>
        <source>Pass the command as a list of strings.</source>
        <translation>Übergeben Sie den Befehl als Liste von Zeichenketten.</translation>
    </message>
    <message>
        <source>The command to run is empty.</source>
        <translation>Der auszuführende Befehl ist leer.</translation>
    </message>
    <message>
        <source>The command contains a NUL character.</source>
        <translation>Der Befehl enthält ein NUL-Zeichen.</translation>
    </message>
    <message>
        <source>{what} did not finish.</source>
        <translation>{what} wurde nicht fertig.</translation>
    </message>
    <message>
        <source>Its error output was: {value}</source>
        <translation>Die Fehlerausgabe war: {value}</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not in the form Relay Wizard asked for ({why}), so it was not used and nothing was changed.</source>
        <translation>Die Antwort des Servers hat nicht die Form, die Relay Wizard verlangt hat ({why}); sie wurde daher nicht verwendet, und nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Try again. If it happens again, something on the server interferes with the wizard&apos;s commands: see docs/security.md.</source>
        <translation>Versuchen Sie es erneut. Wenn es wieder passiert, stört etwas auf dem Server die Befehle des Assistenten: siehe docs/security.md.</translation>
    </message>
    <message>
        <source>{accept_new_host_key} is not a host key fingerprint.</source>
        <translation>{accept_new_host_key} ist kein Fingerabdruck eines Hostschlüssels.</translation>
    </message>
    <message>
        <source>Give it as ssh-keygen -l prints it: SHA256: followed by 43 characters.</source>
        <translation>Geben Sie ihn so an, wie ssh-keygen -l ihn ausgibt: SHA256: gefolgt von 43 Zeichen.</translation>
    </message>
    <message>
        <source>A password contains a line break.</source>
        <translation>Ein Passwort enthält einen Zeilenumbruch.</translation>
    </message>
    <message>
        <source>Enter the password on one line.</source>
        <translation>Geben Sie das Passwort in einer Zeile ein.</translation>
    </message>
    <message>
        <source>Cannot run commands as {user} on the server: {value}</source>
        <translation>Auf dem Server können keine Befehle als {user} ausgeführt werden: {value}</translation>
    </message>
    <message>
        <source>Check that the account has a normal shell.</source>
        <translation>Prüfen Sie, ob das Konto eine normale Shell hat.</translation>
    </message>
    <message>
        <source>User {user} is not root, and the server has no sudo.</source>
        <translation>Der Benutzer {user} ist nicht root, und der Server hat kein sudo.</translation>
    </message>
    <message>
        <source>Log in as root, or install sudo on the server and give the user sudo rights.</source>
        <translation>Melden Sie sich als root an, oder installieren Sie sudo auf dem Server und geben Sie dem Benutzer sudo-Rechte.</translation>
    </message>
    <message>
        <source>sudo on the server asks for a password for user {user}, and none was given.</source>
        <translation>sudo auf dem Server verlangt ein Passwort für den Benutzer {user}, und es wurde keines angegeben.</translation>
    </message>
    <message>
        <source>Enter the sudo password (usually the user&apos;s own login password), or log in as root.</source>
        <translation>Geben Sie das sudo-Passwort ein (meist das eigene Anmeldepasswort des Benutzers), oder melden Sie sich als root an.</translation>
    </message>
    <message>
        <source>The sudo password was not accepted for user {user}. The SSH login password was tried, because no separate sudo password was given.</source>
        <translation>Das sudo-Passwort wurde für den Benutzer {user} nicht angenommen. Es wurde das SSH-Anmeldepasswort versucht, weil kein eigenes sudo-Passwort angegeben war.</translation>
    </message>
    <message>
        <source>The sudo password was not accepted for user {user}.</source>
        <translation>Das sudo-Passwort wurde für den Benutzer {user} nicht angenommen.</translation>
    </message>
    <message>
        <source>Enter the right sudo password (on most servers it is the user&apos;s own login password).</source>
        <translation>Geben Sie das richtige sudo-Passwort ein (auf den meisten Servern ist es das eigene Anmeldepasswort des Benutzers).</translation>
    </message>
    <message>
        <source>User {user} has no sudo rights on the server, so it cannot make changes as root.</source>
        <translation>Der Benutzer {user} hat auf dem Server keine sudo-Rechte und kann daher keine Änderungen als root vornehmen.</translation>
    </message>
    <message>
        <source>Log in as root instead, or on the server add {user} to the sudo group (Debian/Ubuntu: usermod -aG sudo {user}; RHEL/Fedora: usermod -aG wheel {user}) and connect again.</source>
        <translation>Melden Sie sich stattdessen als root an, oder fügen Sie {user} auf dem Server der sudo-Gruppe hinzu (Debian/Ubuntu: usermod -aG sudo {user}; RHEL/Fedora: usermod -aG wheel {user}) und verbinden Sie sich erneut.</translation>
    </message>
    <message>
        <source>sudo on the server insists on a terminal for user {user} (requiretty).</source>
        <translation>sudo auf dem Server besteht für den Benutzer {user} auf einem Terminal (requiretty).</translation>
    </message>
    <message>
        <source>Remove &apos;Defaults requiretty&apos; from the sudoers file, or log in as root.</source>
        <translation>Entfernen Sie &apos;Defaults requiretty&apos; aus der sudoers-Datei, oder melden Sie sich als root an.</translation>
    </message>
    <message>
        <source>sudo did not let user {user} become root: {value}</source>
        <translation>sudo hat den Benutzer {user} nicht root werden lassen: {value}</translation>
    </message>
    <message>
        <source>Log in as root, or check the user&apos;s sudo rights on the server (sudo -l).</source>
        <translation>Melden Sie sich als root an, oder prüfen Sie die sudo-Rechte des Benutzers auf dem Server (sudo -l).</translation>
    </message>
    <message>
        <source>{host} is not a valid host name or IP address: {problem}.</source>
        <translation>{host} ist kein gültiger Hostname und keine gültige IP-Adresse: {problem}.</translation>
    </message>
    <message>
        <source>Give a host name such as mail.example.com or an address such as 2001:db8::1.</source>
        <translation>Geben Sie einen Hostnamen wie mail.example.com oder eine Adresse wie 2001:db8::1 an.</translation>
    </message>
    <message>
        <source>Use letters, digits, dots and hyphens only, for example mail.example.com, or an IP address such as 192.0.2.10.</source>
        <translation>Verwenden Sie nur Buchstaben, Ziffern, Punkte und Bindestriche, zum Beispiel mail.example.com, oder eine IP-Adresse wie 192.0.2.10.</translation>
    </message>
    <message>
        <source>Give the domain the addresses end in, such as example.com.</source>
        <translation>Geben Sie die Domain an, auf die die Adressen enden, etwa example.com.</translation>
    </message>
    <message>
        <source>its scope id (after &apos;%&apos;) may hold only up to 15 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>die Scope-ID (nach &apos;%&apos;) darf nur bis zu 15 Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos; enthalten</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>der Wert ist leer</translation>
    </message>
    <message>
        <source>it is longer than {limit} characters</source>
        <translation>der Wert ist länger als {limit} Zeichen</translation>
    </message>
    <message>
        <source>it may hold only letters, digits, dots and hyphens, in labels of 1 to 63 characters that neither start nor end with a hyphen</source>
        <translation>erlaubt sind nur Buchstaben, Ziffern, Punkte und Bindestriche, in Teilen von 1 bis 63 Zeichen, die weder mit einem Bindestrich beginnen noch enden</translation>
    </message>
    <message>
        <source>it looks like an IPv4 address but is not a valid one</source>
        <translation>der Wert sieht wie eine IPv4-Adresse aus, ist aber keine gültige</translation>
    </message>
    <message>
        <source>The mail domain is empty.</source>
        <translation>Die Maildomain ist leer.</translation>
    </message>
    <message>
        <source>{domain} is an IP address, not a mail domain.</source>
        <translation>{domain} ist eine IP-Adresse, keine Maildomain.</translation>
    </message>
    <message>
        <source>{domain} is not a valid mail domain: {problem}.</source>
        <translation>{domain} ist keine gültige Maildomain: {problem}.</translation>
    </message>
    <message>
        <source>The host name is empty.</source>
        <translation>Der Hostname ist leer.</translation>
    </message>
    <message>
        <source>{domain} is an IP address, not a host name.</source>
        <translation>{domain} ist eine IP-Adresse, kein Hostname.</translation>
    </message>
    <message>
        <source>{domain} is not a valid host name: {problem}.</source>
        <translation>{domain} ist kein gültiger Hostname: {problem}.</translation>
    </message>
    <message>
        <source>The server name is empty.</source>
        <translation>Der Servername ist leer.</translation>
    </message>
    <message>
        <source>{domain} is an IP address, not a server name.</source>
        <translation>{domain} ist eine IP-Adresse, kein Servername.</translation>
    </message>
    <message>
        <source>{domain} is not a valid server name: {problem}.</source>
        <translation>{domain} ist kein gültiger Servername: {problem}.</translation>
    </message>
    <message>
        <source>it ends in a dot</source>
        <translation>der Wert endet mit einem Punkt</translation>
    </message>
    <message>
        <source>The e-mail address is empty.</source>
        <translation>Die E-Mail-Adresse ist leer.</translation>
    </message>
    <message>
        <source>Give it as name@example.com.</source>
        <translation>Geben Sie sie als name@example.com an.</translation>
    </message>
    <message>
        <source>{address} is not a usable e-mail address: {problem}.</source>
        <translation>{address} ist keine brauchbare E-Mail-Adresse: {problem}.</translation>
    </message>
    <message>
        <source>Missing &apos;]&apos; in {text}.</source>
        <translation>In {text} fehlt &apos;]&apos;.</translation>
    </message>
    <message>
        <source>Write IPv6 addresses as [2001:db8::1]:22.</source>
        <translation>Schreiben Sie IPv6-Adressen als [2001:db8::1]:22.</translation>
    </message>
    <message>
        <source>Unexpected {rest} after the address.</source>
        <translation>Unerwartetes {rest} nach der Adresse.</translation>
    </message>
    <message>
        <source>Write [address]:port.</source>
        <translation>Schreiben Sie [Adresse]:Port.</translation>
    </message>
    <message>
        <source>{host} is not an IPv6 address.</source>
        <translation>{host} ist keine IPv6-Adresse.</translation>
    </message>
    <message>
        <source>Write [2001:db8::1]:22.</source>
        <translation>Schreiben Sie [2001:db8::1]:22.</translation>
    </message>
    <message>
        <source>{text} is not a valid target.</source>
        <translation>{text} ist kein gültiges Ziel.</translation>
    </message>
    <message>
        <source>Use [user@]host[:port], e.g. admin@mail.example.com:22.</source>
        <translation>Verwenden Sie [benutzer@]host[:port], z. B. admin@mail.example.com:22.</translation>
    </message>
    <message>
        <source>The server {host} (port {port}) is not known yet. It presented a {key_type} host key with fingerprint {fingerprint}.</source>
        <translation>Der Server {host} (Port {port}) ist noch nicht bekannt. Er hat einen {key_type}-Hostschlüssel mit dem Fingerabdruck {fingerprint} vorgelegt.</translation>
    </message>
    <message>
        <source>Compare the fingerprint with the one the server shows (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on its console), then accept it.</source>
        <translation>Vergleichen Sie den Fingerabdruck mit dem, den der Server anzeigt (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub auf seiner Konsole), und nehmen Sie ihn dann an.</translation>
    </message>
    <message>
        <source>WARNING: the host key of {host} (port {port}) has CHANGED. It now presents {key_type} {fingerprint}, but {known} was saved earlier. Someone may be intercepting the connection, or the server was reinstalled.</source>
        <translation>WARNUNG: Der Hostschlüssel von {host} (Port {port}) hat sich GEÄNDERT. Er legt jetzt {key_type} {fingerprint} vor, gespeichert war aber {known}. Jemand könnte die Verbindung abfangen, oder der Server wurde neu installiert.</translation>
    </message>
    <message>
        <source>Do not continue until you have checked the new key on the server&apos;s console. If the change is legitimate, remove the old entry from the known hosts file and connect again.</source>
        <translation>Fahren Sie nicht fort, bevor Sie den neuen Schlüssel auf der Konsole des Servers geprüft haben. Wenn die Änderung rechtmäßig ist, entfernen Sie den alten Eintrag aus der Datei der bekannten Hosts und verbinden Sie sich erneut.</translation>
    </message>
    <message>
        <source>The plan has errors, so nothing was changed: {errors}</source>
        <translation>Der Plan enthält Fehler, daher wurde nichts geändert: {errors}</translation>
    </message>
    <message>
        <source>Fix what the checks say, then plan again.</source>
        <translation>Beheben Sie, was die Prüfungen melden, und planen Sie dann erneut.</translation>
    </message>
    <message>
        <source>{reason} The automatic rollback did not complete ({error}).</source>
        <translation>{reason} Das automatische Zurücksetzen wurde nicht abgeschlossen ({error}).</translation>
    </message>
    <message>
        <source>Connect again and roll back (or apply again): the journal {journal} on the server holds every backup.</source>
        <translation>Verbinden Sie sich erneut und machen Sie die Änderung rückgängig (oder wenden Sie sie erneut an): Das Journal {journal} auf dem Server enthält jede Sicherung.</translation>
    </message>
    <message>
        <source>{reason} Everything was rolled back: the server is as it was before.</source>
        <translation>{reason} Alles wurde zurückgesetzt: Der Server ist wie vorher.</translation>
    </message>
    <message>
        <source>Apply again when you are ready.</source>
        <translation>Wenden Sie die Änderung erneut an, wenn Sie bereit sind.</translation>
    </message>
    <message>
        <source>Read the failed step above; fix the cause and apply again.</source>
        <translation>Lesen Sie den fehlgeschlagenen Schritt oben; beheben Sie die Ursache und wenden Sie die Änderung erneut an.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The connection to the server is closed.</source>
        <translation>Die Verbindung zum Server ist geschlossen.</translation>
    </message>
    <message>
        <source>The connection broke while sending ({reason}).</source>
        <translation>Die Verbindung brach beim Senden ab ({reason}).</translation>
    </message>
    <message>
        <source>The server sent a reply line of {size} bytes, more than the {limit} this client accepts.</source>
        <translation>Der Server hat eine Antwortzeile von {size} Bytes gesendet, mehr als die {limit}, die dieser Client annimmt.</translation>
    </message>
    <message>
        <source>The server sent more than {limit} bytes without an end of line: a reply line may not be that long.</source>
        <translation>Der Server hat mehr als {limit} Bytes ohne Zeilenende gesendet: So lang darf eine Antwortzeile nicht sein.</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>Der Server hat die Verbindung geschlossen.</translation>
    </message>
    <message>
        <source>The server&apos;s reply line &apos;{line}&apos; does not start with a three-digit reply code and a space or dash.</source>
        <translation>Die Antwortzeile &apos;{line}&apos; des Servers beginnt nicht mit einem dreistelligen Antwortcode und einem Leerzeichen oder Bindestrich.</translation>
    </message>
    <message>
        <source>The server&apos;s reply mixes the codes {first} and {other} in one reply.</source>
        <translation>Die Antwort des Servers mischt die Codes {first} und {other} in einer Antwort.</translation>
    </message>
    <message>
        <source>The server&apos;s reply goes on beyond {limit} lines.</source>
        <translation>Die Antwort des Servers geht über {limit} Zeilen hinaus.</translation>
    </message>
    <message>
        <source>The server&apos;s reply goes on beyond {limit} bytes.</source>
        <translation>Die Antwort des Servers geht über {limit} Bytes hinaus.</translation>
    </message>
    <message>
        <source>The server did not finish its reply within {seconds} s.</source>
        <translation>Der Server hat seine Antwort nicht innerhalb von {seconds} s beendet.</translation>
    </message>
    <message>
        <source>The server did not answer within {seconds} s.</source>
        <translation>Der Server hat nicht innerhalb von {seconds} s geantwortet.</translation>
    </message>
    <message>
        <source>The connection broke ({reason}).</source>
        <translation>Die Verbindung brach ab ({reason}).</translation>
    </message>
    <message>
        <source>The server refused STARTTLS: {reply}.</source>
        <translation>Der Server hat STARTTLS abgewiesen: {reply}.</translation>
    </message>
    <message>
        <source>The server greeted with {reply}.</source>
        <translation>Der Server hat mit {reply} begrüßt.</translation>
    </message>
    <message>
        <source>The server refused EHLO: {reply}.</source>
        <translation>Der Server hat EHLO abgewiesen: {reply}.</translation>
    </message>
    <message>
        <source>Port {port} does not offer STARTTLS.</source>
        <translation>Port {port} bietet kein STARTTLS an.</translation>
    </message>
    <message>
        <source>Configure STARTTLS (the modern profile does).</source>
        <translation>Richten Sie STARTTLS ein (das moderne Profil tut das).</translation>
    </message>
    <message>
        <source>The server refused EHLO after STARTTLS: {reply}.</source>
        <translation>Der Server hat EHLO nach STARTTLS abgewiesen: {reply}.</translation>
    </message>
    <message>
        <source>The lock on the server that keeps a second Relay Wizard out was lost (the connection went silent).</source>
        <translation>Die Sperre auf dem Server, die einen zweiten Relay Wizard fernhält, ging verloren (die Verbindung blieb stumm).</translation>
    </message>
    <message>
        <source>Connect again; the next apply or rollback finishes or undoes this one.</source>
        <translation>Verbinden Sie sich erneut; die nächste Änderung oder das nächste Zurücksetzen schließt diese ab oder macht sie rückgängig.</translation>
    </message>
    <message>
        <source>{url} is not the address of an ACME directory.</source>
        <translation>{url} ist nicht die Adresse eines ACME-Verzeichnisses.</translation>
    </message>
    <message>
        <source>Give an https:// address such as {url}.</source>
        <translation>Geben Sie eine https://-Adresse an, etwa {url}.</translation>
    </message>
    <message>
        <source>The web folder {path} is not an absolute path on the server.</source>
        <translation>Der Web-Ordner {path} ist kein absoluter Pfad auf dem Server.</translation>
    </message>
    <message>
        <source>Give the folder your web server serves, such as /var/www/html.</source>
        <translation>Geben Sie den Ordner an, den Ihr Webserver ausliefert, etwa /var/www/html.</translation>
    </message>
    <message>
        <source>{address} is not an IP address or network.</source>
        <translation>{address} ist keine IP-Adresse und kein Netz.</translation>
    </message>
    <message>
        <source>Give an address such as 203.0.113.7 or a network such as 203.0.113.0/24.</source>
        <translation>Geben Sie eine Adresse wie 203.0.113.7 oder ein Netz wie 203.0.113.0/24 an.</translation>
    </message>
    <message>
        <source>The server&apos;s report on the apply&apos;s steps is not in the expected form.</source>
        <translation>Der Bericht des Servers über die Schritte der Änderung hat nicht die erwartete Form.</translation>
    </message>
    <message>
        <source>Apply again.</source>
        <translation>Wenden Sie die Änderung erneut an.</translation>
    </message>
    <message>
        <source>The server ended the apply&apos;s steps early (exit code {code}).</source>
        <translation>Der Server hat die Schritte der Änderung vorzeitig beendet (Exit-Code {code}).</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>&amp;Format:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>A&amp;ccount:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Mail &amp;domain:</source>
        <translation>Mail&amp;domain:</translation>
    </message>
    <message>
        <source>the part after @, such as example.com</source>
        <translation>der Teil nach dem @, etwa example.com</translation>
    </message>
    <message>
        <source>Ser&amp;ver name:</source>
        <translation>Ser&amp;vername:</translation>
    </message>
    <message>
        <source>the name staff use, such as mail.example.com</source>
        <translation>der Name, den die Mitarbeiter verwenden, etwa mail.example.com</translation>
    </message>
    <message>
        <source>E&amp;mail address:</source>
        <translation>&amp;E-Mail-Adresse:</translation>
    </message>
    <message>
        <source>default: account@mail domain</source>
        <translation>Standard: Konto@Maildomain</translation>
    </message>
    <message>
        <source>&amp;Incoming server:</source>
        <translation>&amp;Posteingangsserver:</translation>
    </message>
    <message>
        <source>imap.example.com (Thunderbird, Apple)</source>
        <translation>imap.example.com (Thunderbird, Apple)</translation>
    </message>
    <message>
        <source>Incoming &amp;type:</source>
        <translation>Posteingangs&amp;typ:</translation>
    </message>
    <message>
        <source>Incoming securit&amp;y:</source>
        <translation>Posteingangs-&amp;Sicherheit:</translation>
    </message>
    <message>
        <source>Print the &amp;password on the handout</source>
        <translation>Passwort auf das &amp;Merkblatt drucken</translation>
    </message>
    <message>
        <source>Client settings</source>
        <translation>Einstellungen für Mailprogramme</translation>
    </message>
    <message>
        <source>C&amp;opy</source>
        <translation>Kop&amp;ieren</translation>
    </message>
    <message>
        <source>&amp;Save...</source>
        <translation>Spei&amp;chern...</translation>
    </message>
    <message>
        <source>Use the &amp;handout instead</source>
        <translation>Stattdessen das Merk&amp;blatt verwenden</translation>
    </message>
    <message>
        <source>Connect to a server first.</source>
        <translation>Verbinden Sie sich zuerst mit einem Server.</translation>
    </message>
    <message>
        <source>Save client settings</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <source>It was built without STARTTLS.</source>
        <translation>Es wurde ohne STARTTLS gebaut.</translation>
    </message>
    <message>
        <source>There is no {path} to edit.</source>
        <translation>Es gibt keine {path} zum Bearbeiten.</translation>
    </message>
    <message>
        <source>sendmail&apos;s files are laid out the Debian way, which Relay Wizard knows.</source>
        <translation>Die Dateien von sendmail sind nach Debian-Art aufgeteilt, die Relay Wizard kennt.</translation>
    </message>
    <message>
        <source>sendmail&apos;s files are laid out the Red Hat way (RHEL, Fedora and relatives), which Relay Wizard knows.</source>
        <translation>Die Dateien von sendmail sind nach Red-Hat-Art aufgeteilt (RHEL, Fedora und Verwandte), die Relay Wizard kennt.</translation>
    </message>
    <message>
        <source>sendmail&apos;s files are laid out the FreeBSD way, which Relay Wizard knows. Relay Wizard applies changes on Linux only so far: on FreeBSD its reload check cannot see sendmail&apos;s listeners, so an apply would be rolled back. Use the plan as a guide and make the change by hand.</source>
        <translation>Die Dateien von sendmail sind nach FreeBSD-Art aufgeteilt, die Relay Wizard kennt. Relay Wizard wendet Änderungen bisher nur unter Linux an: Unter FreeBSD sieht seine Prüfung nach dem Neuladen die Ports von sendmail nicht, eine Änderung würde also zurückgesetzt. Nehmen Sie den Plan als Anleitung und ändern Sie von Hand.</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>The configuration is {mc}, rebuilt with {rebuild}; the SASL config is {sasl}; sendmail is restarted with {restart}.</source>
        <translation>Die Konfiguration ist {mc}, neu erstellt mit {rebuild}; die SASL-Konfiguration ist {sasl}; sendmail wird mit {restart} neu gestartet.</translation>
    </message>
    <message>
        <source>The configuration is {mc}, rebuilt with {rebuild}; the SASL config is {sasl}.</source>
        <translation>Die Konfiguration ist {mc}, neu erstellt mit {rebuild}; die SASL-Konfiguration ist {sasl}.</translation>
    </message>
    <message>
        <source>The configuration is {mc}; the SASL config is {sasl}; sendmail is restarted with {restart}.</source>
        <translation>Die Konfiguration ist {mc}; die SASL-Konfiguration ist {sasl}; sendmail wird mit {restart} neu gestartet.</translation>
    </message>
    <message>
        <source>The configuration is {mc}; the SASL config is {sasl}.</source>
        <translation>Die Konfiguration ist {mc}; die SASL-Konfiguration ist {sasl}.</translation>
    </message>
    <message>
        <source>There is no {path} to edit: FreeBSD builds sendmail.cf from HOSTNAME.mc. Run make -C /etc/mail once (it copies freebsd.mc to {name}), then inspect again.</source>
        <translation>Es gibt keine {path} zum Bearbeiten: FreeBSD erstellt sendmail.cf aus HOSTNAME.mc. Führen Sie einmal make -C /etc/mail aus (es kopiert freebsd.mc nach {name}) und prüfen Sie dann erneut.</translation>
    </message>
    <message>
        <source>This system is not laid out like Debian, RHEL or FreeBSD, the layouts Relay Wizard knows, so it may look for sendmail&apos;s files in the wrong place.</source>
        <translation>Dieses System ist nicht wie Debian, RHEL oder FreeBSD aufgebaut, die Aufteilungen, die Relay Wizard kennt; es sucht die Dateien von sendmail daher womöglich am falschen Ort.</translation>
    </message>
    <message>
        <source>Relay Wizard assumes the configuration is {path}.</source>
        <translation>Relay Wizard nimmt an, dass die Konfiguration {path} ist.</translation>
    </message>
    <message>
        <source>sendmail {version} is installed on {os}.</source>
        <translation>sendmail {version} ist auf {os} installiert.</translation>
    </message>
    <message>
        <source>sendmail can ask mail programs for a login.</source>
        <translation>sendmail kann Mailprogramme zur Anmeldung auffordern.</translation>
    </message>
    <message>
        <source>It was built with SASL support.</source>
        <translation>Es wurde mit SASL-Unterstützung gebaut.</translation>
    </message>
    <message>
        <source>This sendmail cannot ask mail programs to log in, so it cannot relay for staff safely. Install a sendmail package that can.</source>
        <translation>Dieses sendmail kann Mailprogramme nicht zur Anmeldung auffordern und daher nicht sicher für die Mitarbeiter weiterleiten. Installieren Sie ein sendmail-Paket, das es kann.</translation>
    </message>
    <message>
        <source>It was built without SASL support: install a sendmail package built with SASLv2.</source>
        <translation>Es wurde ohne SASL-Unterstützung gebaut: Installieren Sie ein sendmail-Paket, das mit SASLv2 gebaut ist.</translation>
    </message>
    <message>
        <source>This sendmail cannot encrypt connections: passwords could only travel unencrypted.</source>
        <translation>Dieses sendmail kann Verbindungen nicht verschlüsseln: Passwörter könnten nur unverschlüsselt übertragen werden.</translation>
    </message>
    <message>
        <source>sendmail&apos;s configuration cannot be rebuilt on this server because a package is missing. Install the sendmail-cf package.</source>
        <translation>Die Konfiguration von sendmail lässt sich auf diesem Server nicht neu erstellen, weil ein Paket fehlt. Installieren Sie das Paket sendmail-cf.</translation>
    </message>
    <message>
        <source>The sendmail m4 macros (sendmail-cf) are missing, so sendmail.cf cannot be rebuilt from sendmail.mc.</source>
        <translation>Die m4-Makros von sendmail (sendmail-cf) fehlen, daher lässt sich sendmail.cf nicht aus sendmail.mc neu erstellen.</translation>
    </message>
    <message>
        <source>The mail server calls itself {realm}; mail accounts are made for that name.</source>
        <translation>Der Mailserver nennt sich {realm}; Mailkonten werden für diesen Namen angelegt.</translation>
    </message>
    <message>
        <source>sendmail&apos;s own name ($j) is the SASL realm: accounts (SASL users) must live in it.</source>
        <translation>Der eigene Name von sendmail ($j) ist der SASL-Realm: Konten (SASL-Benutzer) müssen darin liegen.</translation>
    </message>
    <message>
        <source>{count} mail account(s) cannot log in because they were made for another name than {realm} ({names}). Create them again for {realm}.</source>
        <translation>{count} Mailkonto/-konten können sich nicht anmelden, weil sie für einen anderen Namen als {realm} angelegt wurden ({names}). Legen Sie sie für {realm} neu an.</translation>
    </message>
    <message>
        <source>Their SASL realm is not sendmail&apos;s own name ($j), {realm}.</source>
        <translation>Ihr SASL-Realm ist nicht der eigene Name von sendmail ($j), {realm}.</translation>
    </message>
    <message>
        <source>{address} port {port}</source>
        <translation>{address} Port {port}</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle Adressen</translation>
    </message>
    <message>
        <source>The mail server only accepts connections from the server itself: staff cannot send through it from other machines yet.</source>
        <translation>Der Mailserver nimmt nur Verbindungen vom Server selbst an: Die Mitarbeiter können von anderen Rechnern aus noch nicht darüber senden.</translation>
    </message>
    <message>
        <source>sendmail listens on {where} (loopback only).</source>
        <translation>sendmail lauscht auf {where} (nur Loopback).</translation>
    </message>
    <message>
        <source>The mail server accepts connections from the network on {where}.</source>
        <translation>Der Mailserver nimmt Verbindungen aus dem Netz an auf {where}.</translation>
    </message>
    <message>
        <source>port {port}</source>
        <translation>Port {port}</translation>
    </message>
    <message>
        <source>The mail server does not receive mail on port 25, where other mail servers deliver.</source>
        <translation>Der Mailserver empfängt keine Mail auf Port 25, wo andere Mailserver zustellen.</translation>
    </message>
    <message>
        <source>No DAEMON_OPTIONS line in sendmail.mc listens on port 25.</source>
        <translation>Keine DAEMON_OPTIONS-Zeile in sendmail.mc lauscht auf Port 25.</translation>
    </message>
    <message>
        <source>sendmail is not listening on any port right now: is it running?</source>
        <translation>sendmail lauscht gerade auf keinem Port: Läuft es?</translation>
    </message>
    <message>
        <source>Could not talk to sendmail on 127.0.0.1 port 25 to see what it offers.</source>
        <translation>Relay Wizard konnte nicht mit sendmail auf 127.0.0.1 Port 25 sprechen, um zu sehen, was es anbietet.</translation>
    </message>
    <message>
        <source>Staff can log in, but the server still refuses to pass their mail on: the login succeeds and the mail is refused.</source>
        <translation>Die Mitarbeiter können sich anmelden, aber der Server leitet ihre Mail trotzdem nicht weiter: Die Anmeldung gelingt, und die Mail wird abgelehnt.</translation>
    </message>
    <message>
        <source>The server offers the login methods {methods}, but TRUST_AUTH_MECH is missing from sendmail.mc, so none of them allows relaying.</source>
        <translation>Der Server bietet die Anmeldeverfahren {methods} an, aber TRUST_AUTH_MECH fehlt in sendmail.mc, daher erlaubt keines davon das Weiterleiten.</translation>
    </message>
    <message>
        <source>Staff who log in with {methods} cannot send mail through the server, although the server offers that login method.</source>
        <translation>Mitarbeiter, die sich mit {methods} anmelden, können keine Mail über den Server senden, obwohl der Server dieses Anmeldeverfahren anbietet.</translation>
    </message>
    <message>
        <source>TRUST_AUTH_MECH in sendmail.mc does not list {methods}.</source>
        <translation>TRUST_AUTH_MECH in sendmail.mc nennt {methods} nicht.</translation>
    </message>
    <message>
        <source>Postfix listens on {where} (inet_interfaces).</source>
        <translation>Postfix lauscht auf {where} (inet_interfaces).</translation>
    </message>
    <message>
        <source>master.cf services: {services}.</source>
        <translation>Dienste in master.cf: {services}.</translation>
    </message>
    <message>
        <source>master.cf has no smtp inet service.</source>
        <translation>master.cf hat keinen Dienst smtp inet.</translation>
    </message>
    <message>
        <source>Staff have no separate port for sending mail (587): many home and hotel networks block port 25.</source>
        <translation>Die Mitarbeiter haben keinen eigenen Port zum Senden (587): Viele Heim- und Hotelnetze sperren Port 25.</translation>
    </message>
    <message>
        <source>No submission (587) or submissions (465) service with AUTH is enabled in master.cf.</source>
        <translation>In master.cf ist kein Dienst submission (587) oder submissions (465) mit AUTH eingeschaltet.</translation>
    </message>
    <message>
        <source>Postfix is not listening on any port right now: is it running?</source>
        <translation>Postfix lauscht gerade auf keinem Port: Läuft es?</translation>
    </message>
    <message>
        <source>Could not talk to Postfix on 127.0.0.1 port 25 to see what it offers.</source>
        <translation>Postfix auf 127.0.0.1 Port 25 war nicht erreichbar, um zu sehen, was es anbietet.</translation>
    </message>
    <message>
        <source>The server offers the login methods {methods}, but permit_sasl_authenticated does not come before reject_unauth_destination in its relay rules.</source>
        <translation>Der Server bietet die Anmeldeverfahren {methods} an, aber permit_sasl_authenticated steht in seinen Weiterleitungsregeln nicht vor reject_unauth_destination.</translation>
    </message>
    <message>
        <source>Staff who log in may send mail through the server.</source>
        <translation>Angemeldete Mitarbeiter dürfen Mail über den Server senden.</translation>
    </message>
    <message>
        <source>Login methods offered and trusted for relaying: {methods}.</source>
        <translation>Angebotene und zum Weiterleiten vertraute Anmeldeverfahren: {methods}.</translation>
    </message>
    <message>
        <source>The server does not ask mail programs to log in, so staff cannot send through it from outside.</source>
        <translation>Der Server fordert Mailprogramme nicht zur Anmeldung auf, daher können die Mitarbeiter von außen nicht darüber senden.</translation>
    </message>
    <message>
        <source>Postfix offers no SMTP AUTH on 127.0.0.1 port 25 (smtpd_sasl_auth_enable is {value}).</source>
        <translation>Postfix bietet auf 127.0.0.1 Port 25 kein SMTP AUTH an (smtpd_sasl_auth_enable ist {value}).</translation>
    </message>
    <message>
        <source>A certificate is set up, but the server does not offer encryption. The mail log says why.</source>
        <translation>Ein Zertifikat ist eingerichtet, aber der Server bietet keine Verschlüsselung an. Das Mail-Log sagt, warum.</translation>
    </message>
    <message>
        <source>smtpd_tls_cert_file is {path}, but STARTTLS is not offered (smtpd_tls_security_level is {level}).</source>
        <translation>smtpd_tls_cert_file ist {path}, aber STARTTLS wird nicht angeboten (smtpd_tls_security_level ist {level}).</translation>
    </message>
    <message>
        <source>sendmail offers no SMTP AUTH on 127.0.0.1 port 25.</source>
        <translation>sendmail bietet auf 127.0.0.1 Port 25 kein SMTP AUTH an.</translation>
    </message>
    <message>
        <source>Passwords could cross the network unencrypted, readable by anyone on the way.</source>
        <translation>Passwörter könnten unverschlüsselt durchs Netz gehen, lesbar für jeden auf dem Weg.</translation>
    </message>
    <message>
        <source>{methods} may be used without encryption: AuthOptions lacks &apos;p&apos;.</source>
        <translation>{methods} dürfen ohne Verschlüsselung genutzt werden: AuthOptions fehlt „p“.</translation>
    </message>
    <message>
        <source>The server can encrypt connections, so passwords can travel safely.</source>
        <translation>Der Server kann Verbindungen verschlüsseln, Passwörter sind also sicher unterwegs.</translation>
    </message>
    <message>
        <source>STARTTLS is offered.</source>
        <translation>STARTTLS wird angeboten.</translation>
    </message>
    <message>
        <source>A certificate is set up, but the server does not offer encryption: sendmail probably cannot use the key or the certificate. The mail log says why.</source>
        <translation>Ein Zertifikat ist eingerichtet, aber der Server bietet keine Verschlüsselung an: sendmail kann den Schlüssel oder das Zertifikat vermutlich nicht verwenden. Das Mail-Log sagt, warum.</translation>
    </message>
    <message>
        <source>STARTTLS is not offered: sendmail refuses a key file other users can read, or cannot read the certificate.</source>
        <translation>STARTTLS wird nicht angeboten: sendmail lehnt eine Schlüsseldatei ab, die andere Benutzer lesen können, oder kann das Zertifikat nicht lesen.</translation>
    </message>
    <message>
        <source>The server does not encrypt connections: logins and mail would cross the network unencrypted.</source>
        <translation>Der Server verschlüsselt keine Verbindungen: Anmeldungen und Mail gingen unverschlüsselt durchs Netz.</translation>
    </message>
    <message>
        <source>STARTTLS is off.</source>
        <translation>STARTTLS ist aus.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is one it made for itself, which no mail program trusts: staff will see a warning, or have to accept it once by hand.</source>
        <translation>Das Zertifikat des Servers hat er sich selbst ausgestellt, und kein Mailprogramm vertraut ihm: Die Mitarbeiter sehen eine Warnung oder müssen es einmal von Hand annehmen.</translation>
    </message>
    <message>
        <source>{path} is Debian&apos;s self-signed &quot;snakeoil&quot; certificate for {names}.</source>
        <translation>{path} ist Debians selbstsigniertes &quot;snakeoil&quot;-Zertifikat für {names}.</translation>
    </message>
    <message>
        <source>{path} is self-signed, for {names}.</source>
        <translation>{path} ist selbstsigniert, für {names}.</translation>
    </message>
    <message>
        <source>This Postfix cannot ask mail programs to log in, so it cannot relay for staff safely. Install a Postfix package built with SASL.</source>
        <translation>Dieses Postfix kann Mailprogramme nicht zur Anmeldung auffordern und daher nicht sicher für die Mitarbeiter weiterleiten. Installieren Sie ein Postfix-Paket mit SASL.</translation>
    </message>
    <message>
        <source>postconf -a lists no SASL server type.</source>
        <translation>postconf -a nennt keinen SASL-Servertyp.</translation>
    </message>
    <message>
        <source>Postfix can ask mail programs for a login.</source>
        <translation>Postfix kann Mailprogramme zur Anmeldung auffordern.</translation>
    </message>
    <message>
        <source>SASL server types: {types}.</source>
        <translation>SASL-Servertypen: {types}.</translation>
    </message>
    <message>
        <source>Logins are checked by Dovecot: staff log in with their Dovecot (mailbox) accounts, which Relay Wizard does not create or change.</source>
        <translation>Anmeldungen prüft Dovecot: Die Mitarbeiter melden sich mit ihren Dovecot-Konten (Postfächern) an, die Relay Wizard weder anlegt noch ändert.</translation>
    </message>
    <message>
        <source>Logins are to be checked by Dovecot, but its login socket is missing: every login will fail until Dovecot runs.</source>
        <translation>Anmeldungen soll Dovecot prüfen, aber sein Anmelde-Socket fehlt: Jede Anmeldung scheitert, bis Dovecot läuft.</translation>
    </message>
    <message>
        <source>smtpd_sasl_type = dovecot, smtpd_sasl_path = {path}.</source>
        <translation>smtpd_sasl_type = dovecot, smtpd_sasl_path = {path}.</translation>
    </message>
    <message>
        <source>The SASL realm comes from {source}.</source>
        <translation>Der SASL-Realm kommt aus {source}.</translation>
    </message>
    <message>
        <source>Logins will fail: Postfix runs locked into its own folder and cannot see the mail accounts, because the copy it reads there is missing.</source>
        <translation>Anmeldungen werden scheitern: Postfix läuft eingesperrt in seinem eigenen Ordner und sieht die Mailkonten nicht, weil die Kopie, die es dort liest, fehlt.</translation>
    </message>
    <message>
        <source>Some logins will fail: Postfix runs locked into its own folder and reads an old copy of the mail accounts there.</source>
        <translation>Manche Anmeldungen werden scheitern: Postfix läuft eingesperrt in seinem eigenen Ordner und liest dort eine alte Kopie der Mailkonten.</translation>
    </message>
    <message>
        <source>smtpd runs chrooted in {queue}: it reads {queue}/etc/sasldb2, which is missing, not /etc/sasldb2.</source>
        <translation>smtpd läuft im chroot {queue}: Es liest {queue}/etc/sasldb2, das fehlt, nicht /etc/sasldb2.</translation>
    </message>
    <message>
        <source>smtpd runs chrooted in {queue}: it reads {queue}/etc/sasldb2, which is not the same as /etc/sasldb2.</source>
        <translation>smtpd läuft im chroot {queue}: Es liest {queue}/etc/sasldb2, das nicht dasselbe ist wie /etc/sasldb2.</translation>
    </message>
    <message>
        <source>Logins with PLAIN or LOGIN would fail: their passwords are checked by a helper program that is not running.</source>
        <translation>Anmeldungen mit PLAIN oder LOGIN würden scheitern: Ihre Passwörter prüft ein Hilfsprogramm, das nicht läuft.</translation>
    </message>
    <message>
        <source>SASL&apos;s config ({path}) uses saslauthd, which is not running.</source>
        <translation>Die SASL-Konfiguration ({path}) benutzt saslauthd, das nicht läuft.</translation>
    </message>
    <message>
        <source>No SASL users in {path}.</source>
        <translation>Keine SASL-Benutzer in {path}.</translation>
    </message>
    <message>
        <source>Every user of the server can read the file with the mail passwords. Make it readable by root and the mail server only.</source>
        <translation>Jeder Benutzer des Servers kann die Datei mit den Mailpasswörtern lesen. Machen Sie sie nur für root und den Mailserver lesbar.</translation>
    </message>
    <message>
        <source>{path} has mode {mode}.</source>
        <translation>{path} hat die Rechte {mode}.</translation>
    </message>
    <message>
        <source>Postfix {version} is installed on {os}.</source>
        <translation>Postfix {version} ist auf {os} installiert.</translation>
    </message>
    <message>
        <source>Postfix {version} is installed on {os}, but it is not running.</source>
        <translation>Postfix {version} ist auf {os} installiert, läuft aber nicht.</translation>
    </message>
    <message>
        <source>Its settings are in {dir}/main.cf and master.cf; changes take effect with postfix reload.</source>
        <translation>Seine Einstellungen stehen in {dir}/main.cf und master.cf; Änderungen wirken nach postfix reload.</translation>
    </message>
    <message>
        <source>SASL&apos;s config ({path}) checks PLAIN and LOGIN passwords with saslauthd, which is not running; CRAM-MD5 and DIGEST-MD5 use the sasldb instead.</source>
        <translation>Die SASL-Konfiguration ({path}) prüft PLAIN- und LOGIN-Passwörter mit saslauthd, das nicht läuft; CRAM-MD5 und DIGEST-MD5 nutzen stattdessen die sasldb.</translation>
    </message>
    <message>
        <source>There are no mail accounts yet: each member of staff needs one to log in.</source>
        <translation>Es gibt noch keine Mailkonten: Jeder Mitarbeiter braucht eines, um sich anzumelden.</translation>
    </message>
    <message>
        <source>No SASL users in the sasldb.</source>
        <translation>Keine SASL-Benutzer in der sasldb.</translation>
    </message>
    <message>
        <source>{count} mail account(s) exist.</source>
        <translation>Mailkonten vorhanden: {count}.</translation>
    </message>
    <message>
        <source>Every user of the server can read the file with the mail passwords. Make it readable by root and the sasl group only.</source>
        <translation>Jeder Benutzer des Servers kann die Datei mit den Mailpasswörtern lesen. Machen Sie sie nur für root und die Gruppe sasl lesbar.</translation>
    </message>
    <message>
        <source>/etc/sasldb2 has mode {mode}; it holds passwords in a recoverable form. Make it root:sasl 0640 or tighter.</source>
        <translation>/etc/sasldb2 hat den Modus {mode}; sie enthält Passwörter in wiederherstellbarer Form. Setzen Sie root:sasl 0640 oder strenger.</translation>
    </message>
    <message>
        <source>Programs on the server itself may relay (Debian&apos;s default); that is why relaying must be tested from another machine.</source>
        <translation>Programme auf dem Server selbst dürfen weiterleiten (Debians Voreinstellung); deshalb muss das Weiterleiten von einem anderen Rechner aus getestet werden.</translation>
    </message>
    <message>
        <source>sendmail is restarted with systemctl.</source>
        <translation>sendmail wird mit systemctl neu gestartet.</translation>
    </message>
    <message>
        <source>sendmail is restarted with its init script.</source>
        <translation>sendmail wird mit seinem Init-Skript neu gestartet.</translation>
    </message>
    <message>
        <source>Neither systemd nor /etc/init.d/sendmail was found; restarting sendmail may fail.</source>
        <translation>Weder systemd noch /etc/init.d/sendmail wurde gefunden; der Neustart von sendmail kann scheitern.</translation>
    </message>
    <message>
        <source>FreeBSD&apos;s base sendmail is built without SASL, so it cannot ask clients to log in. Either install sendmail from the mail/sendmail port with its SASL option (and point /etc/mail/mailer.conf at it), or rebuild the base sendmail with SASL: install security/cyrus-sasl2, add SENDMAIL_CFLAGS=-I/usr/local/include/sasl -DSASL, SENDMAIL_LDFLAGS=-L/usr/local/lib and SENDMAIL_LDADD=-lsasl2 to /etc/make.conf, then rebuild and install lib/libsmutil, lib/libsm and usr.sbin/sendmail from /usr/src (FreeBSD Handbook, Electronic Mail, SMTP authentication). Then inspect again.</source>
        <translation>Das sendmail des FreeBSD-Basissystems ist ohne SASL gebaut und kann Clients daher nicht zur Anmeldung auffordern. Installieren Sie entweder sendmail aus dem Port mail/sendmail mit seiner SASL-Option (und verweisen Sie /etc/mail/mailer.conf darauf), oder bauen Sie das Basis-sendmail mit SASL neu: Installieren Sie security/cyrus-sasl2, tragen Sie SENDMAIL_CFLAGS=-I/usr/local/include/sasl -DSASL, SENDMAIL_LDFLAGS=-L/usr/local/lib und SENDMAIL_LDADD=-lsasl2 in /etc/make.conf ein, bauen und installieren Sie dann lib/libsmutil, lib/libsm und usr.sbin/sendmail aus /usr/src neu (FreeBSD-Handbuch, Elektronische Post, SMTP-Authentifizierung). Prüfen Sie danach erneut.</translation>
    </message>
    <message>
        <source>This sendmail was built without SASL: it cannot ask clients to log in. Install the distribution&apos;s sendmail package (dnf install sendmail sendmail-cf cyrus-sasl cyrus-sasl-md5 cyrus-sasl-plain), which is built with SASLv2.</source>
        <translation>Dieses sendmail wurde ohne SASL gebaut: Es kann Clients nicht zur Anmeldung auffordern. Installieren Sie das sendmail-Paket der Distribution (dnf install sendmail sendmail-cf cyrus-sasl cyrus-sasl-md5 cyrus-sasl-plain), das mit SASLv2 gebaut ist.</translation>
    </message>
    <message>
        <source>This sendmail was built without SASL: it cannot ask clients to log in. Install a sendmail package built with SASLv2 (Debian, Ubuntu: sendmail-bin with sasl2-bin and libsasl2-modules).</source>
        <translation>Dieses sendmail wurde ohne SASL gebaut: Es kann Clients nicht zur Anmeldung auffordern. Installieren Sie ein sendmail-Paket, das mit SASLv2 gebaut ist (Debian, Ubuntu: sendmail-bin mit sasl2-bin und libsasl2-modules).</translation>
    </message>
    <message>
        <source>Issued by {issuer} for {names}, valid until {expires}; the file is {path}.</source>
        <translation>Ausgestellt von {issuer} für {names}, gültig bis {expires}; die Datei ist {path}.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate expired on {expires}: staff&apos;s mail programs refuse to send, or warn every time. Renew it.</source>
        <translation>Das Zertifikat des Servers ist am {expires} abgelaufen: Die Mailprogramme der Mitarbeiter verweigern das Senden oder warnen jedes Mal. Erneuern Sie es.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate expires in {days} day(s), on {expires}: after that staff&apos;s mail programs refuse to send. Renew it before then.</source>
        <translation>Das Zertifikat des Servers läuft in {days} Tag(en) ab, am {expires}: Danach verweigern die Mailprogramme der Mitarbeiter das Senden. Erneuern Sie es vorher.</translation>
    </message>
    <message>
        <source>The server presents a certificate from {issuer} for {names}, valid until {expires}.</source>
        <translation>Der Server zeigt ein Zertifikat von {issuer} für {names}, gültig bis {expires}.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is for {names}, not for {name}: staff&apos;s mail programs warn when they connect by that name.</source>
        <translation>Das Zertifikat des Servers gilt für {names}, nicht für {name}: Die Mailprogramme der Mitarbeiter warnen, wenn sie sich unter diesem Namen verbinden.</translation>
    </message>
    <message>
        <source>{count} certificate(s) kept on the server by {tools} expire within {limit} days or have expired: their renewal may be failing.</source>
        <translation>Zertifikate, die {tools} auf dem Server pflegt, laufen innerhalb von {limit} Tagen ab oder sind abgelaufen ({count}): Ihre Erneuerung scheitert vielleicht.</translation>
    </message>
    <message>
        <source>{names}: valid until {expires}.</source>
        <translation>{names}: gültig bis {expires}.</translation>
    </message>
    <message>
        <source>The server already has a certificate from {issuer} for {names}, valid until {expires}, that sendmail does not use yet.</source>
        <translation>Der Server hat schon ein Zertifikat von {issuer} für {names}, gültig bis {expires}, das sendmail noch nicht verwendet.</translation>
    </message>
    <message>
        <source>{tool} keeps one for {names} ({path}).</source>
        <translation>{tool} pflegt eines für {names} ({path}).</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source>fail2ban is not installed.</source>
        <translation>fail2ban ist nicht installiert.</translation>
    </message>
    <message>
        <source>fail2ban is installed but not running.</source>
        <translation>fail2ban ist installiert, läuft aber nicht.</translation>
    </message>
    <message>
        <source>fail2ban is running, but none of its jails watches the mail log.</source>
        <translation>fail2ban läuft, aber keine seiner Jails beobachtet das Mail-Protokoll.</translation>
    </message>
    <message>
        <source>sendmail&apos;s own limits per address: {rate} new connections a minute, {conn} at once.</source>
        <translation>sendmails eigene Grenzen je Adresse: {rate} neue Verbindungen pro Minute, {conn} gleichzeitig.</translation>
    </message>
    <message>
        <source>Addresses that keep failing to log in are banned: fail2ban watches the mail log ({jails}).</source>
        <translation>Adressen, deren Anmeldungen immer wieder scheitern, werden gesperrt: fail2ban beobachtet das Mail-Protokoll ({jails}).</translation>
    </message>
    <message>
        <source>Anyone who can reach the server may try passwords at its login as often as they like: nothing bans an address that keeps failing.</source>
        <translation>Wer den Server erreicht, kann bei der Anmeldung beliebig oft Passwörter ausprobieren: Nichts sperrt eine Adresse, die immer wieder scheitert.</translation>
    </message>
    <message>
        <source>The mail log shows {count} failed login(s); the most came from {address} ({top}).</source>
        <translation>Das Mail-Protokoll zeigt gescheiterte Anmeldungen: {count}; die meisten kamen von {address} ({top}).</translation>
    </message>
    <message>
        <source>The mail log shows {count} failed login(s).</source>
        <translation>Das Mail-Protokoll zeigt gescheiterte Anmeldungen: {count}.</translation>
    </message>
    <message>
        <source>In {log} since {since}; the addresses that failed most: {sources}.</source>
        <translation>In {log} seit {since}; die Adressen mit den meisten Fehlversuchen: {sources}.</translation>
    </message>
    <message>
        <source>In {log}; the addresses that failed most: {sources}.</source>
        <translation>In {log}; die Adressen mit den meisten Fehlversuchen: {sources}.</translation>
    </message>
    <message>
        <source>In {log}.</source>
        <translation>In {log}.</translation>
    </message>
</context>
<context>
    <name>Fleet</name>
    <message>
        <source>test send</source>
        <translation>Testversand</translation>
    </message>
    <message>
        <source>open-relay audit</source>
        <translation>Open-Relay-Prüfung</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>nicht ausgeführt</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>no saved password: open the server in the wizard and save it</source>
        <translation>kein gespeichertes Passwort: Öffnen Sie den Server im Assistenten und speichern Sie es</translation>
    </message>
    <message>
        <source>no mail account saved for this server: open it in the wizard, add an account and send a test message there</source>
        <translation>für diesen Server ist kein Mailkonto gespeichert: Öffnen Sie ihn im Assistenten, fügen Sie ein Konto hinzu und senden Sie dort eine Testnachricht</translation>
    </message>
    <message>
        <source>{text} is not a mail address the test message can go to.</source>
        <translation>{text} ist keine Mailadresse, an die die Testnachricht gehen kann.</translation>
    </message>
    <message>
        <source>Give the address the test messages go to.</source>
        <translation>Geben Sie die Adresse an, an die die Testnachrichten gehen.</translation>
    </message>
    <message>
        <source>Use an address in another domain than the servers&apos; own, e.g. you@example.org: only a message to another domain shows that the relay works.</source>
        <translation>Verwenden Sie eine Adresse in einer anderen Domain als der der Server, z. B. you@example.org: Nur eine Nachricht an eine andere Domain zeigt, dass das Relay funktioniert.</translation>
    </message>
    <message>
        <source>{text} (these settings, port {port} with {security}, were never verified by a test send)</source>
        <translation>{text} (diese Einstellungen, Port {port} mit {security}, wurden nie durch einen Testversand bestätigt)</translation>
    </message>
    <message>
        <source>logged in as {user} with {mechanism} over TLS; message accepted ({reply}) on port {port}</source>
        <translation>angemeldet als {user} mit {mechanism} über TLS; Nachricht angenommen ({reply}) auf Port {port}</translation>
    </message>
    <message>
        <source>logged in as {user} with {mechanism}; message accepted ({reply}) on port {port}</source>
        <translation>angemeldet als {user} mit {mechanism}; Nachricht angenommen ({reply}) auf Port {port}</translation>
    </message>
    <message>
        <source>failed at {stage}. The server said: {reply}. {cause}</source>
        <translation>fehlgeschlagen bei {stage}. Der Server sagte: {reply}. {cause}</translation>
    </message>
    <message>
        <source>failed at {stage}. {cause}</source>
        <translation>fehlgeschlagen bei {stage}. {cause}</translation>
    </message>
    <message>
        <source>The certificate is valid until {expires}.</source>
        <translation>Das Zertifikat ist gültig bis {expires}.</translation>
    </message>
    <message>
        <source>certificate expired on {expires}</source>
        <translation>Zertifikat am {expires} abgelaufen</translation>
    </message>
    <message>
        <source>certificate expires in {days} day(s)</source>
        <translation>Zertifikat läuft in {days} Tag(en) ab</translation>
    </message>
    <message>
        <source>certificate valid until {expires}</source>
        <translation>Zertifikat gültig bis {expires}</translation>
    </message>
    <message>
        <source>stopped before the end</source>
        <translation>vor dem Ende angehalten</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht begonnen</translation>
    </message>
    <message>
        <source>could not talk to port {port}: {cause}</source>
        <translation>keine Verständigung mit Port {port}: {cause}</translation>
    </message>
    <message>
        <source>No check has run yet.</source>
        <translation>Es wurde noch keine Prüfung ausgeführt.</translation>
    </message>
    <message>
        <source>1 check on 1 server: {counts}.</source>
        <translation>1 Prüfung auf 1 Server: {counts}.</translation>
    </message>
    <message>
        <source>{checks} checks on 1 server: {counts}.</source>
        <translation>{checks} Prüfungen auf 1 Server: {counts}.</translation>
    </message>
    <message>
        <source>{checks} checks on {servers} servers: {counts}.</source>
        <translation>{checks} Prüfungen auf {servers} Servern: {counts}.</translation>
    </message>
    <message>
        <source>{count} passed</source>
        <translation>{count} bestanden</translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation>{count} fehlgeschlagen</translation>
    </message>
    <message>
        <source>{count} not run</source>
        <translation>{count} nicht ausgeführt</translation>
    </message>
    <message>
        <source>{count} cancelled</source>
        <translation>{count} abgebrochen</translation>
    </message>
    <message>
        <source>Relay Wizard: checks on the saved servers</source>
        <translation>Relay Wizard: Prüfungen der gespeicherten Server</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>Checks on the saved servers</source>
        <translation>Prüfungen der gespeicherten Server</translation>
    </message>
    <message>
        <source>Relay Wizard: saved servers</source>
        <translation>Relay Wizard: gespeicherte Server</translation>
    </message>
    <message>
        <source>{check}: starting</source>
        <translation>{check}: beginnt</translation>
    </message>
    <message>
        <source>{check}: {result}</source>
        <translation>{check}: {result}</translation>
    </message>
    <message>
        <source>{check}: {progress}</source>
        <translation>{check}: {progress}</translation>
    </message>
    <message>
        <source>{check}: {result}: {detail}</source>
        <translation>{check}: {result}: {detail}</translation>
    </message>
    <message>
        <source>{error} What to do: {fix}</source>
        <translation>{error} Was tun: {fix}</translation>
    </message>
</context>
<context>
    <name>Handout</name>
    <message>
        <source>SSL/TLS (implicit)</source>
        <translation>SSL/TLS (implizit)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>{mechanism} (normal password)</source>
        <translation>{mechanism} (normales Passwort)</translation>
    </message>
    <message>
        <source>{mechanism} (encrypted password)</source>
        <translation>{mechanism} (verschlüsseltes Passwort)</translation>
    </message>
    <message>
        <source>The mail server&apos;s certificate is self-signed: your mail program cannot check it on its own and will warn you once. Accept it only if the fingerprint (SHA-256) it shows is exactly {fp}.</source>
        <translation>Das Zertifikat des Mailservers ist selbst signiert: Ihr Mailprogramm kann es nicht von sich aus prüfen und warnt Sie einmal. Nehmen Sie es nur an, wenn der angezeigte Fingerabdruck (SHA-256) genau {fp} lautet.</translation>
    </message>
    <message>
        <source>When Thunderbird first sends, it offers to add a security exception: choose View, compare the SHA-256 fingerprint with {fp}, then Confirm Security Exception.</source>
        <translation>Wenn Thunderbird zum ersten Mal sendet, bietet es eine Ausnahmeregel an: Wählen Sie „Ansehen“, vergleichen Sie den SHA-256-Fingerabdruck mit {fp} und wählen Sie dann „Sicherheits-Ausnahmeregel bestätigen“.</translation>
    </message>
    <message>
        <source>Apple Mail (Mac, iPhone, iPad)</source>
        <translation>Apple Mail (Mac, iPhone, iPad)</translation>
    </message>
    <message>
        <source>When it says it cannot verify the server&apos;s identity, choose Show Certificate (or Details), compare the SHA-256 fingerprint with {fp}, then Trust.</source>
        <translation>Wenn es meldet, dass es die Identität des Servers nicht überprüfen kann, wählen Sie „Zertifikat einblenden“ (oder „Details“), vergleichen Sie den SHA-256-Fingerabdruck mit {fp} und wählen Sie dann „Vertrauen“.</translation>
    </message>
    <message>
        <source>When Outlook shows the security alert, choose View Certificate, compare the fingerprint under Details with {fp}, then Yes to go on.</source>
        <translation>Wenn Outlook den Sicherheitshinweis zeigt, wählen Sie „Zertifikat anzeigen“, vergleichen Sie den Fingerabdruck unter „Details“ mit {fp} und wählen Sie dann „Ja“, um fortzufahren.</translation>
    </message>
    <message>
        <source>The settings file holds the fingerprint (tls_fingerprint): msmtp then trusts exactly this certificate and nothing needs to be accepted.</source>
        <translation>Die Einstellungsdatei enthält den Fingerabdruck (tls_fingerprint): msmtp vertraut dann genau diesem Zertifikat, und nichts muss angenommen werden.</translation>
    </message>
    <message>
        <source>mutt asks once whether to accept the certificate: compare its SHA-256 fingerprint with {fp}, then accept always.</source>
        <translation>mutt fragt einmal, ob das Zertifikat angenommen werden soll: Vergleichen Sie seinen SHA-256-Fingerabdruck mit {fp} und wählen Sie dann „immer akzeptieren“.</translation>
    </message>
    <message>
        <source>These settings are UNVERIFIED: no test message has gone through {host} port {port} with {mechanism} yet. Whoever looks after the mail server should send a test message with Relay Wizard before these settings are handed out.</source>
        <translation>Diese Einstellungen sind UNGEPRÜFT: Über {host} Port {port} mit {mechanism} ist noch keine Testnachricht gegangen. Wer den Mailserver betreut, sollte mit Relay Wizard eine Testnachricht senden, bevor diese Einstellungen weitergegeben werden.</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Outgoing (SMTP) server</source>
        <translation>Postausgangsserver (SMTP)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Certificate fingerprint (SHA-256)</source>
        <translation>Fingerabdruck des Zertifikats (SHA-256)</translation>
    </message>
    <message>
        <source>Incoming ({type}) server</source>
        <translation>Posteingangsserver ({type})</translation>
    </message>
    <message>
        <source>Incoming port</source>
        <translation>Posteingangsport</translation>
    </message>
    <message>
        <source>Incoming security</source>
        <translation>Sicherheit des Posteingangs</translation>
    </message>
    <message>
        <source>WARNING: {warning}</source>
        <translation>WARNUNG: {warning}</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}: {value}</translation>
    </message>
    <message>
        <source>- {program}: {steps}</source>
        <translation>- {program}: {steps}</translation>
    </message>
    <message>
        <source>Mail settings for {name} ({email})</source>
        <translation>Mail-Einstellungen für {name} ({email})</translation>
    </message>
    <message>
        <source>Mail settings for {email}</source>
        <translation>Mail-Einstellungen für {email}</translation>
    </message>
    <message>
        <source>Use exactly these settings for sending: other ports or login methods were not tested and may be refused.</source>
        <translation>Verwenden Sie zum Senden genau diese Einstellungen: Andere Ports oder Anmeldeverfahren wurden nicht getestet und werden vielleicht abgelehnt.</translation>
    </message>
    <message>
        <source>Your password is given to you separately.</source>
        <translation>Ihr Passwort erhalten Sie gesondert.</translation>
    </message>
    <message>
        <source>Verified by a test message on {time} UTC.</source>
        <translation>Geprüft durch eine Testnachricht am {time} UTC.</translation>
    </message>
</context>
<context>
    <name>Input</name>
    <message>
        <source>The server name is empty.</source>
        <translation>Der Servername ist leer.</translation>
    </message>
    <message>
        <source>Give a host name or an IP address.</source>
        <translation>Geben Sie einen Hostnamen oder eine IP-Adresse an.</translation>
    </message>
    <message>
        <source>{user} is not a valid login name.</source>
        <translation>{user} ist kein gültiger Anmeldename.</translation>
    </message>
    <message>
        <source>A login name starts with a letter or underscore and holds letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (at most 32 characters).</source>
        <translation>Ein Anmeldename beginnt mit einem Buchstaben oder Unterstrich und enthält Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; oder &apos;-&apos; (höchstens 32 Zeichen).</translation>
    </message>
    <message>
        <source>{value} is not a port number.</source>
        <translation>{value} ist keine Portnummer.</translation>
    </message>
    <message>
        <source>Give a number from 1 to 65535, in digits only (no sign or spaces).</source>
        <translation>Geben Sie eine Zahl von 1 bis 65535 an, nur in Ziffern (ohne Vorzeichen oder Leerzeichen).</translation>
    </message>
    <message>
        <source>Port {port} is out of range.</source>
        <translation>Port {port} liegt außerhalb des gültigen Bereichs.</translation>
    </message>
    <message>
        <source>Give a number from 1 to 65535.</source>
        <translation>Geben Sie eine Zahl von 1 bis 65535 an.</translation>
    </message>
</context>
<context>
    <name>Keyring</name>
    <message>
        <source>your desktop keyring (Secret Service)</source>
        <translation>Ihrem Desktop-Schlüsselbund (Secret Service)</translation>
    </message>
    <message>
        <source>the macOS Keychain</source>
        <translation>dem macOS-Schlüsselbund</translation>
    </message>
    <message>
        <source>the Windows Credential Manager</source>
        <translation>der Windows-Anmeldeinformationsverwaltung</translation>
    </message>
    <message>
        <source>the keyring {name}</source>
        <translation>dem Schlüsselbund {name}</translation>
    </message>
</context>
<context>
    <name>Lists</name>
    <message>
        <source>{first} or {second}</source>
        <translation>{first} oder {second}</translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} und {second}</translation>
    </message>
</context>
<context>
    <name>NoteList</name>
    <message>
        <source>Fine</source>
        <translation>In Ordnung</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
</context>
<context>
    <name>OnboardDialog</name>
    <message>
        <source>Add staff from a list</source>
        <translation>Mitarbeiter aus einer Liste hinzufügen</translation>
    </message>
    <message>
        <source>Create the &amp;accounts</source>
        <translation>&amp;Konten anlegen</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Paste the list of staff below, or open a CSV file. One person a line: the name they will log in with, then, if you like, their e-mail address and their name as others see it, separated by commas.</source>
        <translation>Fügen Sie unten die Liste der Mitarbeiter ein oder öffnen Sie eine CSV-Datei. Eine Person pro Zeile: der Name, mit dem sie sich anmeldet, dann nach Wunsch ihre E-Mail-Adresse und ihr Name, wie andere ihn sehen, durch Kommas getrennt.</translation>
    </message>
    <message>
        <source>Staff list</source>
        <translation>Mitarbeiterliste</translation>
    </message>
    <message>
        <source>alice, alice@example.com, Alice Martin
bob, bob@example.com
carol</source>
        <translation>alice, alice@example.com, Alice Martin
bob, bob@example.com
carol</translation>
    </message>
    <message>
        <source>&amp;Open a CSV file...</source>
        <translation>CSV-Datei ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>Mail &amp;domain:</source>
        <translation>MailMail-&amp;Domain:amp;domain:</translation>
    </message>
    <message>
        <source>the part after @, such as example.com</source>
        <translation>der Teil nach @, etwa example.com</translation>
    </message>
    <message>
        <source>Ser&amp;ver name:</source>
        <translation>Ser&amp;vername:</translation>
    </message>
    <message>
        <source>the name staff use, such as mail.example.com</source>
        <translation>der Name, den die Mitarbeiter verwenden, etwa mail.example.com</translation>
    </message>
    <message>
        <source>&amp;Incoming mail server:</source>
        <translation>Server für &amp;eingehende Mail:</translation>
    </message>
    <message>
        <source>optional: the IMAP server, such as imap.example.com</source>
        <translation>optional: der IMAP-Server, etwa imap.example.com</translation>
    </message>
    <message>
        <source>where each person&apos;s handout and settings go</source>
        <translation>wohin das Merkblatt und die Einstellungen jeder Person kommen</translation>
    </message>
    <message>
        <source>C&amp;hoose...</source>
        <translation>&amp;Wählen...</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Put each person&apos;s &amp;password on their handout (only you can open those files)</source>
        <translation>&amp;Passwort jeder Person auf ihr Merkblatt drucken (nur Sie können diese Dateien öffnen)</translation>
    </message>
    <message>
        <source>No test message has gone through this server yet, so each handout will say its settings are not verified. For handouts without that warning, send one from the Test page first.</source>
        <translation>Über diesen Server ist noch keine Testnachricht gegangen, daher steht auf jedem Merkblatt, dass die Einstellungen nicht geprüft sind. Für Merkblätter ohne diesen Hinweis senden Sie zuerst eine auf der Seite Test.</translation>
    </message>
    <message>
        <source>Nobody on the list yet.</source>
        <translation>Noch niemand auf der Liste.</translation>
    </message>
    <message>
        <source>1 person: %1.</source>
        <translation>1 Person: %1.</translation>
    </message>
    <message>
        <source>%1 people: %2.</source>
        <translation>%1 Personen: %2.</translation>
    </message>
    <message>
        <source>%1 people: %2 and %3 more.</source>
        <translation>%1 Personen: %2 und %3 weitere.</translation>
    </message>
    <message>
        <source>Folder for the handouts</source>
        <translation>Ordner für die Merkblätter</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>New accounts and their passwords</source>
        <translation>Neue Konten und ihre Passwörter</translation>
    </message>
    <message>
        <source>C&amp;opy the passwords</source>
        <translation>Passwörter k&amp;opieren</translation>
    </message>
    <message>
        <source>Create %1 mail accounts on the server now?</source>
        <translation>Jetzt %1 Mailkonten auf dem Server anlegen?</translation>
    </message>
    <message>
        <source>Create 1 mail account on the server now?</source>
        <translation>Jetzt 1 Mailkonto auf dem Server anlegen?</translation>
    </message>
    <message>
        <source>Making the accounts on the server...</source>
        <translation>Die Konten werden auf dem Server angelegt...</translation>
    </message>
    <message>
        <source>Writing the handout and mail settings of %1 (%2 of %3)...</source>
        <translation>Merkblatt und Mail-Einstellungen von %1 werden geschrieben (%2 von %3)...</translation>
    </message>
    <message>
        <source>Stopping after the current person...</source>
        <translation>Anhalten nach der aktuellen Person...</translation>
    </message>
    <message>
        <source>Stopped: no account was made.</source>
        <translation>Angehalten: Es wurde kein Konto angelegt.</translation>
    </message>
    <message>
        <source>Hand each person their password. They are shown only now and kept nowhere else: copy them before you close this window.</source>
        <translation>Geben Sie jeder Person ihr Passwort. Die Passwörter werden nur jetzt angezeigt und nirgends sonst aufbewahrt: Kopieren Sie sie, bevor Sie dieses Fenster schließen.</translation>
    </message>
    <message>
        <source>Hand each person their password. They are shown only now, and printed on each handout (only you can open those files).</source>
        <translation>Geben Sie jeder Person ihr Passwort. Die Passwörter werden nur jetzt angezeigt und stehen auf jedem Merkblatt (nur Sie können diese Dateien öffnen).</translation>
    </message>
    <message>
        <source>No account was made.</source>
        <translation>Es wurde kein Konto angelegt.</translation>
    </message>
    <message>
        <source>1 account made; the handout and mail settings for that person are in %1.</source>
        <translation>1 Konto angelegt; Merkblatt und Mail-Einstellungen dieser Person liegen in %1.</translation>
    </message>
    <message>
        <source>%2 accounts made; handouts and mail settings for each person are in %1.</source>
        <translation>%2 Konten angelegt; Merkblätter und Mail-Einstellungen jeder Person liegen in %1.</translation>
    </message>
    <message>
        <source>%1 accounts made; handouts and mail settings for %2 of them are in %3.</source>
        <translation>%1 Konten angelegt; Merkblätter und Mail-Einstellungen für %2 davon liegen in %3.</translation>
    </message>
    <message>
        <source>Already had an account, left as it was (no handout): %1.</source>
        <translation>Hatte schon ein Konto, unverändert gelassen (kein Merkblatt): %1.</translation>
    </message>
    <message>
        <source>Could not be made (the server&apos;s mail log says why): %1.</source>
        <translation>Konnte nicht angelegt werden (das Mail-Protokoll des Servers nennt den Grund): %1.</translation>
    </message>
    <message>
        <source>The handouts could not be written: %1</source>
        <translation>Die Merkblätter konnten nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Stopped before the handouts of: %1. Their accounts exist; make their handouts on the Client settings page.</source>
        <translation>Angehalten vor den Merkblättern von: %1. Ihre Konten bestehen; erstellen Sie ihre Merkblätter auf der Seite Client-Einstellungen.</translation>
    </message>
    <message>
        <source>No Thunderbird or Apple Mail files: they need the incoming mail server. Make them on the Client settings page.</source>
        <translation>Keine Dateien für Thunderbird oder Apple Mail: Sie brauchen den Server für eingehende Mail. Erstellen Sie sie auf der Seite Client-Einstellungen.</translation>
    </message>
    <message>
        <source>Close this window? The passwords will not be shown again.</source>
        <translation>Dieses Fenster schließen? Die Passwörter werden nicht noch einmal angezeigt.</translation>
    </message>
</context>
<context>
    <name>Onboarding</name>
    <message>
        <source>Connect to a server first.</source>
        <translation>Verbinden Sie sich zuerst mit einem Server.</translation>
    </message>
    <message>
        <source>Choose the folder for the handouts.</source>
        <translation>Wählen Sie den Ordner für die Merkblätter.</translation>
    </message>
    <message>
        <source>Stopped: no account was made.</source>
        <translation>Angehalten: Es wurde kein Konto angelegt.</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>Plan</name>
    <message>
        <source>{items} and {last}</source>
        <translation>{items} und {last}</translation>
    </message>
    <message>
        <source>After this, staff can send from anywhere on port {port} after logging in with their password; the connection is encrypted from the start.</source>
        <translation>Danach können die Mitarbeiter von überall über Port {port} senden, nachdem sie sich mit ihrem Passwort angemeldet haben; die Verbindung ist von Anfang an verschlüsselt.</translation>
    </message>
    <message>
        <source>After this, staff can send from anywhere on port {port} after logging in with their password; the connection is encrypted before the password is sent.</source>
        <translation>Danach können die Mitarbeiter von überall über Port {port} senden, nachdem sie sich mit ihrem Passwort angemeldet haben; die Verbindung wird verschlüsselt, bevor das Passwort gesendet wird.</translation>
    </message>
    <message>
        <source>After this, staff can send from anywhere on port {port} after logging in with their password.</source>
        <translation>Danach können die Mitarbeiter von überall über Port {port} senden, nachdem sie sich mit ihrem Passwort angemeldet haben.</translation>
    </message>
    <message>
        <source>Port 25 keeps receiving mail from other mail servers as today; it does not offer logins.</source>
        <translation>Port 25 empfängt wie heute Mail von anderen Mailservern; er bietet keine Anmeldung an.</translation>
    </message>
    <message>
        <source>Logins are checked by Dovecot, as today: its accounts and methods stay.</source>
        <translation>Anmeldungen prüft wie heute Dovecot: Seine Konten und Verfahren bleiben.</translation>
    </message>
    <message>
        <source>Postfix then re-reads its configuration (postfix reload, well under a second); mail already in its queue is kept.</source>
        <translation>Postfix liest dann seine Konfiguration neu ein (postfix reload, deutlich unter einer Sekunde); Mail in seiner Warteschlange bleibt erhalten.</translation>
    </message>
    <message>
        <source>Postfix is not running: it is then started with the new configuration.</source>
        <translation>Postfix läuft nicht: Es wird dann mit der neuen Konfiguration gestartet.</translation>
    </message>
    <message>
        <source>Files changed: {paths}. Postfix&apos;s own editor (postconf) makes the changes and Postfix checks them before anything is replaced. A backup stays on the server, and a failed step puts everything back by itself.</source>
        <translation>Geänderte Dateien: {paths}. Der Editor von Postfix (postconf) nimmt die Änderungen vor, und Postfix prüft sie, bevor etwas ersetzt wird. Eine Sicherung bleibt auf dem Server, und ein fehlgeschlagener Schritt stellt alles von selbst wieder her.</translation>
    </message>
    <message>
        <source>Port {port} will accept connections from the network; today only the server itself can reach it.</source>
        <translation>Port {port} nimmt dann Verbindungen aus dem Netz an; heute erreicht ihn nur der Server selbst.</translation>
    </message>
    <message>
        <source>Port {port} will accept connections from the network; today nothing listens on it.</source>
        <translation>Port {port} nimmt dann Verbindungen aus dem Netz an; heute lauscht dort nichts.</translation>
    </message>
    <message>
        <source>Port {port} will no longer accept connections from the network.</source>
        <translation>Port {port} nimmt dann keine Verbindungen aus dem Netz mehr an.</translation>
    </message>
    <message>
        <source>Mail programs may log in with {methods}.</source>
        <translation>Mailprogramme dürfen sich mit {methods} anmelden.</translation>
    </message>
    <message>
        <source>The login methods stay as they are ({methods}).</source>
        <translation>Die Anmeldeverfahren bleiben, wie sie sind ({methods}).</translation>
    </message>
    <message>
        <source>The login methods staff use today ({today}) keep working; {added} is added.</source>
        <translation>Die Anmeldeverfahren, die die Mitarbeiter heute nutzen ({today}), funktionieren weiter; {added} kommt hinzu.</translation>
    </message>
    <message>
        <source>The login methods staff use today ({today}) keep working; {added} are added.</source>
        <translation>Die Anmeldeverfahren, die die Mitarbeiter heute nutzen ({today}), funktionieren weiter; {added} kommen hinzu.</translation>
    </message>
    <message>
        <source>sendmail then re-reads its configuration (well under a second); mail already in its queue is kept.</source>
        <translation>sendmail liest dann seine Konfiguration neu ein (deutlich unter einer Sekunde); Mail in der Warteschlange bleibt erhalten.</translation>
    </message>
    <message>
        <source>sendmail is then restarted (a few seconds without mail service); mail already in its queue is kept.</source>
        <translation>sendmail wird dann neu gestartet (einige Sekunden ohne Maildienst); Mail in der Warteschlange bleibt erhalten.</translation>
    </message>
    <message>
        <source>Files changed: {paths}; sendmail.cf is rebuilt from the new sendmail.mc. A backup stays on the server, and a failed step puts everything back by itself.</source>
        <translation>Geänderte Dateien: {paths}; sendmail.cf wird aus der neuen sendmail.mc neu erstellt. Eine Sicherung bleibt auf dem Server, und ein fehlgeschlagener Schritt stellt alles von selbst wieder her.</translation>
    </message>
    <message>
        <source>Files changed: {paths}. A backup stays on the server, and a failed step puts everything back by itself.</source>
        <translation>Geänderte Dateien: {paths}. Eine Sicherung bleibt auf dem Server, und ein fehlgeschlagener Schritt stellt alles von selbst wieder her.</translation>
    </message>
    <message>
        <source>After this, staff can log in with their password to send mail through the server.</source>
        <translation>Danach können sich die Mitarbeiter mit ihrem Passwort anmelden, um Mail über den Server zu senden.</translation>
    </message>
    <message>
        <source>Strangers still cannot relay mail through the server: Relay Wizard checks this from this computer right after the change and undoes everything if they can.</source>
        <translation>Fremde können weiterhin keine Mail über den Server weiterleiten: Relay Wizard prüft das direkt nach der Änderung von diesem Computer aus und macht alles rückgängig, falls doch.</translation>
    </message>
    <message>
        <source>With the classic profile, logins and mail cross the network unencrypted: anyone on the way can read the mail, and the login is protected only by the older CRAM-MD5 or DIGEST-MD5 methods. Use it only on a network you trust.</source>
        <translation>Mit dem klassischen Profil gehen Anmeldungen und Mail unverschlüsselt durchs Netz: Jeder auf dem Weg kann die Mail lesen, und die Anmeldung schützen nur die älteren Verfahren CRAM-MD5 oder DIGEST-MD5. Nutzen Sie es nur in einem Netz, dem Sie vertrauen.</translation>
    </message>
    <message>
        <source>Passwords are only accepted inside an encrypted connection.</source>
        <translation>Passwörter werden nur innerhalb einer verschlüsselten Verbindung angenommen.</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} Tage</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} Stunden</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} Minuten</translation>
    </message>
    <message>
        <source>{n} seconds</source>
        <translation>{n} Sekunden</translation>
    </message>
    <message>
        <source>Start fail2ban, which bans password guessers.</source>
        <translation>fail2ban starten, das Passwort-Rater sperrt.</translation>
    </message>
    <message>
        <source>An address that fails to log in {count} times within {window} is banned for {ban} on ports 25, 587 and 465: meanwhile it cannot send any mail to this server.</source>
        <translation>Eine Adresse, deren Anmeldung {count}-mal innerhalb von {window} fehlschlägt, wird für {ban} auf den Ports 25, 587 und 465 gesperrt: so lange kann sie diesem Server keine Mail schicken.</translation>
    </message>
    <message>
        <source>The address this computer connects from ({address}) is never banned.</source>
        <translation>Die Adresse, von der dieser Computer verbindet ({address}), wird nie gesperrt.</translation>
    </message>
    <message>
        <source>These addresses are never banned either: {addresses}.</source>
        <translation>Auch diese Adressen werden nie gesperrt: {addresses}.</translation>
    </message>
    <message>
        <source>Staff&apos;s mail programs will see a certificate from {authority} for {name}, obtained now by certbot on the server and renewed by it automatically before it expires.</source>
        <translation>Die Mailprogramme der Mitarbeitenden sehen ein Zertifikat von {authority} für {name}, das certbot jetzt auf dem Server beschafft und vor dem Ablauf automatisch erneuert.</translation>
    </message>
    <message>
        <source>The authority checks the name through port 80 on this server. Where port 80 cannot be opened, obtaining the certificate with a DNS challenge is up to you; then choose the certificate certbot keeps.</source>
        <translation>Die Zertifizierungsstelle prüft den Namen über Port 80 dieses Servers. Wo Port 80 nicht geöffnet werden kann, liegt das Beschaffen des Zertifikats über eine DNS-Prüfung bei Ihnen; wählen Sie dann das Zertifikat, das certbot verwaltet.</translation>
    </message>
    <message>
        <source>Staff&apos;s mail programs will see the certificate certbot keeps for {name}, from {issuer}, valid until {expires} and renewed by certbot automatically.</source>
        <translation>Die Mailprogramme der Mitarbeitenden sehen das Zertifikat, das certbot für {name} verwaltet, ausgestellt von {issuer}, gültig bis {expires} und von certbot automatisch erneuert.</translation>
    </message>
    <message>
        <source>Staff&apos;s mail programs will see the certificate certbot keeps for {name}, renewed by certbot automatically.</source>
        <translation>Die Mailprogramme der Mitarbeitenden sehen das Zertifikat, das certbot für {name} verwaltet und automatisch erneuert.</translation>
    </message>
    <message>
        <source>Copy the certificate certbot keeps for {name} where sendmail reads it</source>
        <translation>Das Zertifikat, das certbot für {name} verwaltet, dorthin kopieren, wo sendmail es liest</translation>
    </message>
    <message>
        <source>sendmail reads a copy of the certificate in /etc/mail/tls, its key readable by the system only, so sendmail&apos;s file checks pass without relaxing them (no DontBlameSendmail). After each renewal certbot&apos;s hook copies the new certificate and makes sendmail re-read it.</source>
        <translation>sendmail liest eine Kopie des Zertifikats in /etc/mail/tls, deren Schlüssel nur das System lesen kann; so bestehen die Dateiprüfungen von sendmail, ohne sie zu lockern (kein DontBlameSendmail). Nach jeder Erneuerung kopiert die Erweiterung von certbot das neue Zertifikat und lässt sendmail es neu einlesen.</translation>
    </message>
    <message>
        <source>sendmail now presents the certificate certbot keeps for {name}; after each renewal certbot&apos;s hook copies the new one and makes sendmail re-read it.</source>
        <translation>sendmail zeigt jetzt das Zertifikat, das certbot für {name} verwaltet; nach jeder Erneuerung kopiert die Erweiterung von certbot das neue und lässt sendmail es neu einlesen.</translation>
    </message>
    <message>
        <source>sendmail uses its previous certificate again. The certificate certbot obtained stays on the server (in /etc/letsencrypt) and certbot keeps renewing it; certbot can delete it if it is not needed.</source>
        <translation>sendmail verwendet wieder sein bisheriges Zertifikat. Das von certbot beschaffte Zertifikat bleibt auf dem Server (in /etc/letsencrypt) und wird von certbot weiter erneuert; certbot kann es löschen, wenn es nicht gebraucht wird.</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Reading who the server&apos;s config lets relay</source>
        <translation>Lesen, wen die Konfiguration des Servers weiterleiten lässt</translation>
    </message>
    <message>
        <source>Connecting to {host} port {port}</source>
        <translation>Verbinden mit {host} Port {port}</translation>
    </message>
    <message>
        <source>The server closed the connection: connecting again</source>
        <translation>Der Server hat die Verbindung geschlossen: neu verbinden</translation>
    </message>
    <message>
        <source>Tricks {first} to {last}, pipelined</source>
        <translation>Tricks {first} bis {last}, im Pipelining</translation>
    </message>
    <message>
        <source>Trick {number} of {count}: {name}</source>
        <translation>Trick {number} von {count}: {name}</translation>
    </message>
    <message>
        <source>Trying a wrong password</source>
        <translation>Ein falsches Passwort wird versucht</translation>
    </message>
    <message>
        <source>Looking for the message on the server</source>
        <translation>Die Suche nach der Nachricht auf dem Server</translation>
    </message>
    <message>
        <source>Logging in as {user} with {mechanism}</source>
        <translation>Anmelden als {user} mit {mechanism}</translation>
    </message>
    <message>
        <source>Sending the test message</source>
        <translation>Die Testnachricht wird gesendet</translation>
    </message>
    <message>
        <source>Reading the server&apos;s configuration</source>
        <translation>Das Lesen der Konfiguration des Servers</translation>
    </message>
</context>
<context>
    <name>ProtectionSection</name>
    <message>
        <source>Ban addresses that &amp;guess passwords</source>
        <translation>Adressen sperren, die Passwörter &amp;erraten wollen</translation>
    </message>
    <message>
        <source>After several failed logins from one address, the server&apos;s firewall refuses that address for a while. Staff who mistype a password once or twice are not affected.</source>
        <translation>Nach mehreren fehlgeschlagenen Anmeldungen von einer Adresse weist die Firewall des Servers diese Adresse eine Zeit lang ab. Mitarbeiter, die sich ein- oder zweimal beim Passwort vertippen, sind nicht betroffen.</translation>
    </message>
    <message>
        <source>such as 192.0.2.10, 198.51.100.0/24</source>
        <translation>etwa 192.0.2.10, 198.51.100.0/24</translation>
    </message>
    <message>
        <source>Failed log&amp;ins before a ban:</source>
        <translation>Fehlgeschlagene A&amp;nmeldungen bis zur Sperre:</translation>
    </message>
    <message>
        <source>Counted &amp;within (minutes):</source>
        <translation>&amp;Gezählt innerhalb von (Minuten):</translation>
    </message>
    <message>
        <source>Ban f&amp;or (minutes):</source>
        <translation>Sperr&amp;dauer (Minuten):</translation>
    </message>
    <message>
        <source>Never banne&amp;d:</source>
        <translation>Nie ges&amp;perrt:</translation>
    </message>
    <message>
        <source>The address this computer connects from is never banned: Relay Wizard adds it by itself.</source>
        <translation>Die Adresse, von der aus dieser Computer verbindet, wird nie gesperrt: Relay Wizard trägt sie selbst ein.</translation>
    </message>
    <message>
        <source>On Postfix, Relay Wizard does not set up this ban yet: the rest of the setup goes ahead without it. fail2ban&apos;s own rules for Postfix can do this job.</source>
        <translation>Bei Postfix richtet Relay Wizard diese Sperre noch nicht ein: der Rest der Einrichtung läuft ohne sie. Die eigenen Regeln von fail2ban für Postfix können diese Aufgabe übernehmen.</translation>
    </message>
    <message>
        <source>Nobody is banned: password guessers can keep trying.</source>
        <translation>Niemand wird gesperrt: Wer Passwörter errät, kann es immer weiter versuchen.</translation>
    </message>
    <message>
        <source>Your own address, %1, is never banned: Relay Wizard adds it by itself.</source>
        <translation>Ihre eigene Adresse, %1, wird nie gesperrt: Relay Wizard trägt sie selbst ein.</translation>
    </message>
    <message>
        <source>The server needs the fail2ban package for the ban: install it, then check again.</source>
        <translation>Für die Sperre braucht der Server das Paket fail2ban: Installieren Sie es und prüfen Sie dann erneut.</translation>
    </message>
    <message>
        <source>fail2ban is installed but not running: Relay Wizard starts it.</source>
        <translation>fail2ban ist installiert, läuft aber nicht: Relay Wizard startet es.</translation>
    </message>
    <message>
        <source>fail2ban already watches the mail server&apos;s logins.</source>
        <translation>fail2ban überwacht die Anmeldungen am Mailserver bereits.</translation>
    </message>
    <message>
        <source>fail2ban runs, but nothing watches the mail server&apos;s logins yet.</source>
        <translation>fail2ban läuft, aber noch überwacht nichts die Anmeldungen am Mailserver.</translation>
    </message>
    <message>
        <source>The mail log shows %1 failed logins since %2, most from %3.</source>
        <translation>Das Mail-Protokoll zeigt seit %2 %1 fehlgeschlagene Anmeldungen, die meisten von %3.</translation>
    </message>
    <message>
        <source>The mail log shows %1 failed logins since %2.</source>
        <translation>Das Mail-Protokoll zeigt seit %2 %1 fehlgeschlagene Anmeldungen.</translation>
    </message>
    <message>
        <source>The mail log shows no failed logins.</source>
        <translation>Das Mail-Protokoll zeigt keine fehlgeschlagenen Anmeldungen.</translation>
    </message>
</context>
<context>
    <name>RelayWizard</name>
    <message>
        <source>Relay Wizard</source>
        <translation>Relay Wizard</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>The server already worked this way: nothing needed to change.</source>
        <translation>Der Server arbeitete schon so: Es musste nichts geändert werden.</translation>
    </message>
    <message>
        <source>Relay Wizard checked from this computer that strangers still cannot relay mail through it.</source>
        <translation>Relay Wizard hat von diesem Computer aus geprüft, dass Fremde weiterhin keine Mail über ihn weiterleiten können.</translation>
    </message>
    <message>
        <source>Mail accounts on the server: {names}.</source>
        <translation>Mailkonten auf dem Server: {names}.</translation>
    </message>
    <message>
        <source>A test message sent the way staff will send was accepted by the server (its queue id, for the mail log: {queue_id}).</source>
        <translation>Eine Testnachricht, gesendet so, wie die Mitarbeiter senden werden, wurde vom Server angenommen (ihre Queue-ID, für das Mailprotokoll: {queue_id}).</translation>
    </message>
    <message>
        <source>Staff can now send mail through the server after logging in with their password.</source>
        <translation>Die Mitarbeiter können jetzt nach der Anmeldung mit ihrem Passwort Mail über den Server senden.</translation>
    </message>
    <message>
        <source>Staff can now send mail through the server from anywhere on port {port}, after logging in with their password.</source>
        <translation>Die Mitarbeiter können jetzt von überall über Port {port} Mail über den Server senden, nachdem sie sich mit ihrem Passwort angemeldet haben.</translation>
    </message>
    <message>
        <source>Staff can now send mail through the server from anywhere on ports {ports} and {last}, after logging in with their password.</source>
        <translation>Die Mitarbeiter können jetzt von überall über die Ports {ports} und {last} Mail über den Server senden, nachdem sie sich mit ihrem Passwort angemeldet haben.</translation>
    </message>
    <message>
        <source>Open port {port} (TCP) in every firewall between staff and the server, if it is not open yet: Relay Wizard checked it only from this computer.</source>
        <translation>Öffnen Sie Port {port} (TCP) in jeder Firewall zwischen den Mitarbeitern und dem Server, falls er noch nicht offen ist: Relay Wizard hat ihn nur von diesem Computer aus geprüft.</translation>
    </message>
    <message>
        <source>Give the server a name in DNS (for example mail.your-domain) and give staff that name: mail programs and certificates work with names, not addresses.</source>
        <translation>Geben Sie dem Server einen Namen im DNS (zum Beispiel mail.ihre-domain) und nennen Sie den Mitarbeitern diesen Namen: Mailprogramme und Zertifikate arbeiten mit Namen, nicht mit Adressen.</translation>
    </message>
    <message>
        <source>Check the server&apos;s certificate: a self-signed one (as on a fresh server) makes mail programs ask once whether to trust it; one from a public authority, such as Let&apos;s Encrypt, for the name staff use avoids that question.</source>
        <translation>Prüfen Sie das Zertifikat des Servers: Bei einem selbst signierten (wie auf einem frisch eingerichteten Server) fragen Mailprogramme einmal, ob sie ihm vertrauen sollen; eines von einer öffentlichen Stelle wie Let&apos;s Encrypt für den Namen, den die Mitarbeiter verwenden, erspart diese Frage.</translation>
    </message>
    <message>
        <source>Staff&apos;s mail programs trust the server&apos;s certificate for {name} without a question: it is valid until {expires} and renewed automatically.</source>
        <translation>Die Mailprogramme der Mitarbeiter vertrauen dem Zertifikat des Servers für {name} ohne Rückfrage: Es ist gültig bis {expires} und wird automatisch erneuert.</translation>
    </message>
    <message>
        <source>Staff&apos;s mail programs trust the server&apos;s certificate for {name} without a question: it is renewed automatically before it runs out.</source>
        <translation>Die Mailprogramme der Mitarbeiter vertrauen dem Zertifikat des Servers für {name} ohne Rückfrage: Es wird automatisch erneuert, bevor es abläuft.</translation>
    </message>
    <message>
        <source>Your own address, {address}, is never banned.</source>
        <translation>Ihre eigene Adresse, {address}, wird nie gesperrt.</translation>
    </message>
    <message>
        <source>The address this computer connects from is never banned.</source>
        <translation>Die Adresse, von der aus dieser Computer verbindet, wird nie gesperrt.</translation>
    </message>
    <message>
        <source>Never banned either: {addresses}.</source>
        <translation>Ebenfalls nie gesperrt: {addresses}.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is self-signed: staff&apos;s mail programs ask once whether to trust it, and the handouts give the fingerprint to compare. A certificate from a public authority, such as Let&apos;s Encrypt, for {name} avoids that question.</source>
        <translation>Das Zertifikat des Servers ist selbst signiert: Die Mailprogramme der Mitarbeiter fragen einmal, ob sie ihm vertrauen sollen, und die Merkblätter nennen den Fingerabdruck zum Vergleichen. Ein Zertifikat einer öffentlichen Stelle wie Let&apos;s Encrypt für {name} erspart diese Frage.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate comes from {issuer} and is valid until {expires}: make sure it is renewed in time.</source>
        <translation>Das Zertifikat des Servers stammt von {issuer} und ist bis {expires} gültig: Sorgen Sie dafür, dass es rechtzeitig erneuert wird.</translation>
    </message>
    <message>
        <source>Make sure the name {name} points at this server in DNS: the settings given to staff use that name, not the address {address}.</source>
        <translation>Sorgen Sie dafür, dass der Name {name} im DNS auf diesen Server zeigt: Die Einstellungen für die Mitarbeiter verwenden diesen Namen, nicht die Adresse {address}.</translation>
    </message>
    <message>
        <source>Relay Wizard does not set up a ban on password guessers for Postfix yet: fail2ban&apos;s own rules for Postfix can do it.</source>
        <translation>Eine Sperre gegen Passwort-Rater richtet Relay Wizard für Postfix noch nicht ein: die eigenen Regeln von fail2ban für Postfix können das übernehmen.</translation>
    </message>
    <message>
        <source>Install the fail2ban package on the server, then apply again: until then, nothing stops password guessers.</source>
        <translation>Installieren Sie das Paket fail2ban auf dem Server und wenden Sie die Änderung dann erneut an: Bis dahin hält nichts Leute auf, die Passwörter erraten.</translation>
    </message>
    <message>
        <source>Add a mail account for each person who will send through the server.</source>
        <translation>Legen Sie für jede Person, die über den Server senden wird, ein Mailkonto an.</translation>
    </message>
    <message>
        <source>Send a test message from the Test page, as staff would.</source>
        <translation>Senden Sie auf der Seite „Test“ eine Testnachricht, so wie die Mitarbeiter es tun würden.</translation>
    </message>
    <message>
        <source>Connected as {target}.</source>
        <translation>Verbunden als {target}.</translation>
    </message>
    <message>
        <source>Profile: {profile}.</source>
        <translation>Profil: {profile}.</translation>
    </message>
    <message>
        <source>Test message: {code} (queue id {queue_id}), logged in with {mechanism}.</source>
        <translation>Testnachricht: {code} (Queue-ID {queue_id}), angemeldet mit {mechanism}.</translation>
    </message>
    <message>
        <source>ok: {step}: {detail}</source>
        <translation>ok: {step}: {detail}</translation>
    </message>
    <message>
        <source>ok: {step}</source>
        <translation>ok: {step}</translation>
    </message>
    <message>
        <source>FAILED: {step}: {detail}</source>
        <translation>FEHLGESCHLAGEN: {step}: {detail}</translation>
    </message>
    <message>
        <source>FAILED: {step}</source>
        <translation>FEHLGESCHLAGEN: {step}</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} Tage</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>{n} hours</source>
        <translation>{n} Stunden</translation>
    </message>
    <message>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <source>{n} minutes</source>
        <translation>{n} Minuten</translation>
    </message>
    <message>
        <source>{n} seconds</source>
        <translation>{n} Sekunden</translation>
    </message>
    <message>
        <source>An address that fails to log in once is banned for {ban}.</source>
        <translation>Eine Adresse, deren Anmeldung einmal fehlschlägt, wird für {ban} gesperrt.</translation>
    </message>
    <message>
        <source>An address that fails to log in {count} times within {window} is banned for {ban}.</source>
        <translation>Eine Adresse, deren Anmeldung innerhalb von {window} {count}-mal fehlschlägt, wird für {ban} gesperrt.</translation>
    </message>
    <message>
        <source>The server now bans password guessers at its firewall: an address that fails to log in once is banned for {ban}.</source>
        <translation>Der Server sperrt jetzt an seiner Firewall, wer Passwörter errät: Eine Adresse, deren Anmeldung einmal fehlschlägt, wird für {ban} gesperrt.</translation>
    </message>
    <message>
        <source>The server now bans password guessers at its firewall: an address that fails to log in {count} times within {window} is banned for {ban}.</source>
        <translation>Der Server sperrt jetzt an seiner Firewall, wer Passwörter errät: Eine Adresse, deren Anmeldung innerhalb von {window} {count}-mal fehlschlägt, wird für {ban} gesperrt.</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>What changes</source>
        <translation>Was sich ändert</translation>
    </message>
    <message>
        <source>Show the e&amp;xact changes</source>
        <translation>Die genauen Änderungen an&amp;zeigen</translation>
    </message>
    <message>
        <source>The exact changes</source>
        <translation>Die genauen Änderungen</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
    </message>
    <message>
        <source>Hide the e&amp;xact changes</source>
        <translation>Die genauen Änderungen a&amp;usblenden</translation>
    </message>
    <message>
        <source>Before you apply</source>
        <translation>Bevor Sie anwenden</translation>
    </message>
    <message>
        <source>Please note</source>
        <translation>Bitte beachten</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
</context>
<context>
    <name>Server</name>
    <message>
        <source>This server runs Postfix {version} on {system}: Relay Wizard sets up Postfix.</source>
        <translation>Auf diesem Server läuft Postfix {version} unter {system}: Relay Wizard richtet Postfix ein.</translation>
    </message>
    <message>
        <source>This server runs Postfix on {system}: Relay Wizard sets up Postfix.</source>
        <translation>Auf diesem Server läuft Postfix unter {system}: Relay Wizard richtet Postfix ein.</translation>
    </message>
    <message>
        <source>This server runs sendmail {version} on {system}: Relay Wizard sets up sendmail.</source>
        <translation>Auf diesem Server läuft sendmail {version} unter {system}: Relay Wizard richtet sendmail ein.</translation>
    </message>
    <message>
        <source>This server runs sendmail on {system}: Relay Wizard sets up sendmail.</source>
        <translation>Auf diesem Server läuft sendmail unter {system}: Relay Wizard richtet sendmail ein.</translation>
    </message>
    <message>
        <source>Postfix checks logins with Dovecot: staff log in with their Dovecot accounts, which are made in Dovecot, not here.</source>
        <translation>Postfix prüft Anmeldungen mit Dovecot: Die Mitarbeiter melden sich mit ihren Dovecot-Konten an, die in Dovecot angelegt werden, nicht hier.</translation>
    </message>
    <message>
        <source>Postfix&apos;s setting smtpd_sasl_type is dovecot.</source>
        <translation>Die Postfix-Einstellung smtpd_sasl_type ist dovecot.</translation>
    </message>
    <message>
        <source>New accounts are made in the realm {realm}: the login domain set in Postfix&apos;s configuration.</source>
        <translation>Neue Konten werden im Realm {realm} angelegt: der Anmeldedomäne aus der Konfiguration von Postfix.</translation>
    </message>
    <message>
        <source>Postfix&apos;s setting smtpd_sasl_local_domain is {realm}.</source>
        <translation>Die Postfix-Einstellung smtpd_sasl_local_domain ist {realm}.</translation>
    </message>
    <message>
        <source>New accounts are made in the realm {realm}: the server&apos;s name as Postfix knows it. Staff log in with the account name alone or followed by @{realm}.</source>
        <translation>Neue Konten werden im Realm {realm} angelegt: dem Namen des Servers, wie Postfix ihn kennt. Die Mitarbeiter melden sich mit dem Kontonamen allein oder gefolgt von @{realm} an.</translation>
    </message>
    <message>
        <source>Postfix&apos;s setting myhostname is {realm}; smtpd_sasl_local_domain is not set.</source>
        <translation>Die Postfix-Einstellung myhostname ist {realm}; smtpd_sasl_local_domain ist nicht gesetzt.</translation>
    </message>
    <message>
        <source>New accounts are made in the realm {realm}: the server&apos;s name as sendmail knows it.</source>
        <translation>Neue Konten werden im Realm {realm} angelegt: dem Namen des Servers, wie sendmail ihn kennt.</translation>
    </message>
</context>
<context>
    <name>ServersDialog</name>
    <message>
        <source>Saved servers</source>
        <translation>Gespeicherte Server</translation>
    </message>
    <message>
        <source>Check every saved server at once: a test message sent as each server&apos;s saved account, or the open-relay audit. To change a server, open it in the wizard.</source>
        <translation>Alle gespeicherten Server auf einmal prüfen: eine Testnachricht mit dem gespeicherten Konto jedes Servers oder die Open-Relay-Prüfung. Um einen Server zu ändern, öffnen Sie ihn im Assistenten.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Letztes Ergebnis</translation>
    </message>
    <message>
        <source>Ser&amp;vers:</source>
        <translation>Ser&amp;ver:</translation>
    </message>
    <message>
        <source>Recipient of the test messages</source>
        <translation>Empfänger der Testnachrichten</translation>
    </message>
    <message>
        <source>An address in another domain: only that shows that the relay works.</source>
        <translation>Eine Adresse in einer anderen Domain: Nur das zeigt, dass das Relay funktioniert.</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>&amp;Empfänger:</translation>
    </message>
    <message>
        <source>&amp;Only the selected servers</source>
        <translation>&amp;Nur die ausgewählten Server</translation>
    </message>
    <message>
        <source>&amp;Test send on all</source>
        <translation>&amp;Testnachricht über alle</translation>
    </message>
    <message>
        <source>&amp;Audit all</source>
        <translation>Alle &amp;prüfen</translation>
    </message>
    <message>
        <source>Sto&amp;p</source>
        <translation>Anha&amp;lten</translation>
    </message>
    <message>
        <source>Checks done</source>
        <translation>Erledigte Prüfungen</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>&amp;Zusammenfassung:</translation>
    </message>
    <message>
        <source>&amp;Copy summary</source>
        <translation>Zusammenfassung &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Save summary...</source>
        <translation>Zusammenfassung &amp;speichern...</translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation>Schl&amp;ießen</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keins)</translation>
    </message>
    <message>
        <source>verified %1</source>
        <translation>geprüft %1</translation>
    </message>
    <message>
        <source>never verified</source>
        <translation>nie geprüft</translation>
    </message>
    <message>
        <source>No saved servers yet. Set one up in the wizard: it is saved once connected.</source>
        <translation>Noch keine gespeicherten Server. Richten Sie einen im Assistenten ein: Er wird gespeichert, sobald die Verbindung steht.</translation>
    </message>
    <message>
        <source>Looking up the saved passwords in the keyring...</source>
        <translation>Die gespeicherten Passwörter werden im Schlüsselbund gesucht...</translation>
    </message>
    <message>
        <source>test send: waiting</source>
        <translation>Testnachricht: wartet</translation>
    </message>
    <message>
        <source>Sending...</source>
        <translation>Wird gesendet...</translation>
    </message>
    <message>
        <source>audit: waiting</source>
        <translation>Prüfung: wartet</translation>
    </message>
    <message>
        <source>Auditing...</source>
        <translation>Wird geprüft...</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <source>Stopped. %1</source>
        <translation>Angehalten. %1</translation>
    </message>
    <message>
        <source>Stopping: the checks under way end first...</source>
        <translation>Wird angehalten: Die laufenden Prüfungen enden zuerst...</translation>
    </message>
    <message>
        <source>Save the summary</source>
        <translation>Zusammenfassung speichern</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>STARTTLS with the server&apos;s certificate, the submission port 587 with login required, passwords only inside encryption.</source>
        <translation>STARTTLS mit dem Zertifikat des Servers, der Einlieferungsport 587 mit Anmeldepflicht, Passwörter nur innerhalb der Verschlüsselung.</translation>
    </message>
    <message>
        <source>Logins staff use today (kept)</source>
        <translation>Anmeldeverfahren, die die Mitarbeiter heute nutzen (bleiben erhalten)</translation>
    </message>
    <message>
        <source>The server already accepts these for sending. Untick one only if no mail program uses it any more: those that do could no longer send.</source>
        <translation>Der Server nimmt diese zum Senden schon an. Entfernen Sie ein Häkchen nur, wenn kein Mailprogramm das Verfahren mehr nutzt: Programme, die es nutzen, könnten nicht mehr senden.</translation>
    </message>
    <message>
        <source>&amp;Modern (recommended): encrypted, mail programs use port 587</source>
        <translation>&amp;Modern (empfohlen): verschlüsselt, Mailprogramme nutzen Port 587</translation>
    </message>
    <message>
        <source>&amp;Classic: port 25 without encryption, for old mail programs</source>
        <translation>&amp;Klassisch: Port 25 ohne Verschlüsselung, für alte Mailprogramme</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>Bereiche der Einstellungen</translation>
    </message>
    <message>
        <source>Login methods (how a mail program proves who is sending)</source>
        <translation>Anmeldeverfahren (wie ein Mailprogramm nachweist, wer sendet)</translation>
    </message>
    <message>
        <source>The SMTP AUTH mechanisms the server offers and trusts.</source>
        <translation>Die SMTP-AUTH-Verfahren, die der Server anbietet und denen er vertraut.</translation>
    </message>
    <message>
        <source>Also accept mail from the network on port &amp;25</source>
        <translation>Auch Mail aus dem Netz auf Port &amp;25 annehmen</translation>
    </message>
    <message>
        <source>Also accept &amp;encrypted connections on port 465 (older mail programs)</source>
        <translation>Auch &amp;verschlüsselte Verbindungen auf Port 465 annehmen (ältere Mailprogramme)</translation>
    </message>
    <message>
        <source>&amp;Logins</source>
        <translation>&amp;Anmeldungen</translation>
    </message>
    <message>
        <source>Ce&amp;rtificate</source>
        <translation>Zer&amp;tifikat</translation>
    </message>
    <message>
        <source>&amp;Protection</source>
        <translation>Sc&amp;hutz</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>Mail and passwords travel encrypted; staff&apos;s mail programs log in on port 587.</source>
        <translation>Mail und Passwörter werden verschlüsselt übertragen; die Mailprogramme der Mitarbeiter melden sich auf Port 587 an.</translation>
    </message>
    <message>
        <source>Mail and logins then cross the network unencrypted: anyone on the way can read the mail. Choose classic only for mail programs that cannot encrypt.</source>
        <translation>Mail und Anmeldungen gehen dann unverschlüsselt durchs Netz: Jeder auf dem Weg kann die Mail lesen. Wählen Sie „Klassisch“ nur für Mailprogramme, die nicht verschlüsseln können.</translation>
    </message>
    <message>
        <source>Reading the configuration...</source>
        <translation>Die Konfiguration wird gelesen...</translation>
    </message>
    <message>
        <source>No certificate was found on the server: give the paths of one above.</source>
        <translation>Auf dem Server wurde kein Zertifikat gefunden: Geben Sie oben die Pfade eines Zertifikats an.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is self-signed (made out for %1 by the server itself). Staff&apos;s mail programs will warn the first time they connect; the settings sheets give them its fingerprint to compare, then they accept it once. The wizard&apos;s own test checks it over SSH.</source>
        <translation>Das Zertifikat des Servers ist selbst signiert (vom Server selbst für %1 ausgestellt). Die Mailprogramme der Mitarbeiter warnen bei der ersten Verbindung; die Einstellungsblätter nennen ihnen seinen Fingerabdruck zum Vergleichen, danach nehmen sie es einmal an. Der Test des Assistenten prüft es selbst per SSH.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is issued by %1 for %2 and valid until %3: mail programs trust it without a question.</source>
        <translation>Das Zertifikat des Servers ist von %1 für %2 ausgestellt und gültig bis %3: Mailprogramme vertrauen ihm ohne Rückfrage.</translation>
    </message>
    <message>
        <source>It was made out for %1, while staff will use %2: as they accept it by its fingerprint, the name does not matter to them.</source>
        <translation>Es wurde für %1 ausgestellt, die Mitarbeiter verwenden aber %2: Da sie es über seinen Fingerabdruck annehmen, spielt der Name für sie keine Rolle.</translation>
    </message>
    <message>
        <source>It names %1, not the name used here: staff must enter %1 as the server&apos;s name, or their mail program will warn that the name does not match.</source>
        <translation>Es nennt %1, nicht den hier verwendeten Namen: Die Mitarbeiter müssen %1 als Namen des Servers eintragen, sonst warnt ihr Mailprogramm, dass der Name nicht passt.</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>%1 behalten</translation>
    </message>
    <message>
        <source>Tick at least one login method: without one, nobody could log in to send mail.</source>
        <translation>Wählen Sie mindestens ein Anmeldeverfahren: Ohne eines könnte sich niemand zum Senden anmelden.</translation>
    </message>
    <message>
        <source>Nothing to change: the server already has this.</source>
        <translation>Nichts zu ändern: Der Server hat das schon.</translation>
    </message>
</context>
<context>
    <name>Steps</name>
    <message>
        <source>An earlier apply ({journal}) did not finish: rolling it back first</source>
        <translation>Eine frühere Änderung ({journal}) wurde nicht abgeschlossen: sie wird zuerst rückgängig gemacht</translation>
    </message>
    <message>
        <source>re-planned after the rollback</source>
        <translation>nach der Zurücknahme neu geplant</translation>
    </message>
    <message>
        <source>{title}: failed. {detail}</source>
        <translation>{title}: fehlgeschlagen. {detail}</translation>
    </message>
    <message>
        <source>Verifying from this computer</source>
        <translation>Prüfung von diesem Computer aus</translation>
    </message>
    <message>
        <source>Relay Wizard connects from this computer as a stranger would: each port must answer, offer the planned login methods, and refuse to relay mail without a login. Any failure puts everything back.</source>
        <translation>Relay Wizard verbindet sich von diesem Computer aus, wie es ein Fremder täte: Jeder Port muss antworten, die geplanten Anmeldeverfahren anbieten und das Weiterleiten ohne Anmeldung ablehnen. Jeder Fehler stellt alles wieder her.</translation>
    </message>
    <message>
        <source>Verify from this computer that staff can log in and strangers cannot relay</source>
        <translation>Von diesem Computer aus prüfen, dass Mitarbeiter sich anmelden können und Fremde nicht weiterleiten können</translation>
    </message>
    <message>
        <source>Verify from this computer on port {ports} that staff can log in and strangers cannot relay</source>
        <translation>Von diesem Computer aus auf Port {ports} prüfen, dass Mitarbeiter sich anmelden können und Fremde nicht weiterleiten können</translation>
    </message>
    <message>
        <source>Verification failed: {problems}</source>
        <translation>Prüfung fehlgeschlagen: {problems}</translation>
    </message>
    <message>
        <source>Back up the files and stage the new ones</source>
        <translation>Dateien sichern und die neuen bereitstellen</translation>
    </message>
    <message>
        <source>Copies every file the change touches into a new backup folder on the server, and stops if a file changed since Relay Wizard read it.</source>
        <translation>Kopiert jede Datei, die die Änderung betrifft, in einen neuen Sicherungsordner auf dem Server und bricht ab, wenn sich eine Datei geändert hat, seit Relay Wizard sie gelesen hat.</translation>
    </message>
    <message>
        <source>Install the new files</source>
        <translation>Neue Dateien einsetzen</translation>
    </message>
    <message>
        <source>Puts the new files in place, keeping each file&apos;s owner and permissions.</source>
        <translation>Setzt die neuen Dateien ein; Eigentümer und Rechte jeder Datei bleiben erhalten.</translation>
    </message>
    <message>
        <source>as the lock on the server is released</source>
        <translation>beim Freigeben der Sperre auf dem Server</translation>
    </message>
    <message>
        <source>Record the change as applied</source>
        <translation>Änderung als angewendet vermerken</translation>
    </message>
    <message>
        <source>Notes on the server that the change is complete, so that Undo can find it.</source>
        <translation>Vermerkt auf dem Server, dass die Änderung abgeschlossen ist, damit „Rückgängig“ sie findet.</translation>
    </message>
    <message>
        <source>Port {port} checked from this computer</source>
        <translation>Port {port} von diesem Computer aus geprüft</translation>
    </message>
    <message>
        <source>SMTP on port {port} failed: {error}</source>
        <translation>SMTP auf Port {port} fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>Port {port}: {problem}</source>
        <translation>Port {port}: {problem}</translation>
    </message>
    <message>
        <source>Port {port} does not offer {missing} (it offers: {offered}).</source>
        <translation>Port {port} bietet {missing} nicht an (er bietet: {offered}).</translation>
    </message>
    <message>
        <source>no AUTH</source>
        <translation>kein AUTH</translation>
    </message>
    <message>
        <source>Port {port} accepted mail without a login for {accepted} of {tried} relay tricks: {tricks}. Strangers must not be able to relay. The server&apos;s config explains it: {why}. {vantage}</source>
        <translation>Port {port} hat bei {accepted} von {tried} Relay-Tricks Mail ohne Anmeldung angenommen: {tricks}. Fremde dürfen nicht weiterleiten können. Die Konfiguration des Servers erklärt es: {why}. {vantage}</translation>
    </message>
    <message>
        <source>Port {port} accepted mail without a login for {accepted} of {tried} relay tricks: {tricks}. Strangers must not be able to relay. {vantage}</source>
        <translation>Port {port} hat bei {accepted} von {tried} Relay-Tricks Mail ohne Anmeldung angenommen: {tricks}. Fremde dürfen nicht weiterleiten können. {vantage}</translation>
    </message>
    <message>
        <source>AUTH {methods} after STARTTLS; relaying without login refused: all {tried} relay tricks ({codes})</source>
        <translation>AUTH {methods} nach STARTTLS; Weiterleiten ohne Anmeldung abgelehnt: alle {tried} Relay-Tricks ({codes})</translation>
    </message>
    <message>
        <source>AUTH {methods}; relaying without login refused: all {tried} relay tricks ({codes})</source>
        <translation>AUTH {methods}; Weiterleiten ohne Anmeldung abgelehnt: alle {tried} Relay-Tricks ({codes})</translation>
    </message>
    <message>
        <source>Build and check the new sendmail.cf</source>
        <translation>Neue sendmail.cf erstellen und prüfen</translation>
    </message>
    <message>
        <source>Builds sendmail&apos;s working configuration from the new sendmail.mc, next to the one in use, and lets sendmail check it before anything is replaced.</source>
        <translation>Erstellt die Arbeitskonfiguration von sendmail aus der neuen sendmail.mc neben der laufenden und lässt sendmail sie prüfen, bevor etwas ersetzt wird.</translation>
    </message>
    <message>
        <source>Reload sendmail and wait for its listeners</source>
        <translation>sendmail neu laden und auf seine Ports warten</translation>
    </message>
    <message>
        <source>Makes sendmail take the new configuration and waits until every port answers.</source>
        <translation>Lässt sendmail die neue Konfiguration übernehmen und wartet, bis jeder Port antwortet.</translation>
    </message>
    <message>
        <source>Start the ban on password guessers (fail2ban)</source>
        <translation>Die Sperre für Passwort-Rater starten (fail2ban)</translation>
    </message>
    <message>
        <source>Makes fail2ban read the new rule, or starts it, and checks the rule runs. Undo puts fail2ban back as it was.</source>
        <translation>Lässt fail2ban die neue Regel lesen oder startet es und prüft, dass die Regel läuft. „Rückgängig“ stellt fail2ban wieder so her, wie es war.</translation>
    </message>
    <message>
        <source>Obtain a certificate for {name} with certbot</source>
        <translation>Ein Zertifikat für {name} mit certbot beschaffen</translation>
    </message>
    <message>
        <source>certbot on the server asks the certificate authority for a certificate, after a trial run that costs nothing; the authority checks the name through port 80. The certificate stays on the server even if the change is undone.</source>
        <translation>certbot auf dem Server fragt nach einem kostenlosen Probelauf bei der Zertifizierungsstelle ein Zertifikat an; die Stelle prüft den Namen über Port 80. Das Zertifikat bleibt auf dem Server, auch wenn die Änderung rückgängig gemacht wird.</translation>
    </message>
    <message>
        <source>Copy the certificate where sendmail reads it</source>
        <translation>Das Zertifikat dorthin kopieren, wo sendmail es liest</translation>
    </message>
    <message>
        <source>Copies the certificate certbot keeps, and its key readable by the system only, to the files sendmail uses; the renewal hook makes the same copy after each renewal.</source>
        <translation>Kopiert das Zertifikat, das certbot verwaltet, und seinen nur für das System lesbaren Schlüssel in die Dateien, die sendmail verwendet; die Erweiterung für Erneuerungen macht nach jeder Erneuerung dieselbe Kopie.</translation>
    </message>
    <message>
        <source>Make the changes with postconf and check them</source>
        <translation>Änderungen mit postconf vornehmen und prüfen</translation>
    </message>
    <message>
        <source>Postfix&apos;s own editor makes the changes on copies of main.cf and master.cf; they must come out exactly as shown here, and Postfix must accept them, before anything is replaced.</source>
        <translation>Der Editor von Postfix nimmt die Änderungen an Kopien von main.cf und master.cf vor; sie müssen genau so herauskommen wie hier gezeigt, und Postfix muss sie annehmen, bevor etwas ersetzt wird.</translation>
    </message>
    <message>
        <source>Reload Postfix and wait for its listeners</source>
        <translation>Postfix neu laden und auf seine Ports warten</translation>
    </message>
    <message>
        <source>Makes Postfix take the new configuration and waits until every port answers.</source>
        <translation>Lässt Postfix die neue Konfiguration übernehmen und wartet, bis jeder Port antwortet.</translation>
    </message>
    <message>
        <source>Rolling back: restoring the backups and reloading the mail server</source>
        <translation>Rückgängig machen: Sicherungen wiederherstellen und den Mailserver neu laden</translation>
    </message>
</context>
<context>
    <name>Test</name>
    <message>
        <source>Fill in the recipient, the account and its password.</source>
        <translation>Geben Sie den Empfänger, das Konto und sein Passwort ein.</translation>
    </message>
    <message>
        <source>The account holds a space, line break or control character.</source>
        <translation>Das Konto enthält ein Leerzeichen, einen Zeilenumbruch oder ein Steuerzeichen.</translation>
    </message>
</context>
<context>
    <name>TestPage</name>
    <message>
        <source>&amp;Recipient:</source>
        <translation>&amp;Empfänger:</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>&amp;Konto:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Passw&amp;ort:</translation>
    </message>
    <message>
        <source>Encrypted after connecting (STARTTLS)</source>
        <translation>Nach dem Verbinden verschlüsselt (STARTTLS)</translation>
    </message>
    <message>
        <source>Encrypted from the start (TLS)</source>
        <translation>Von Anfang an verschlüsselt (TLS)</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Unverschlüsselt</translation>
    </message>
    <message>
        <source>&amp;Security:</source>
        <translation>&amp;Sicherheit:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>Po&amp;rt:</translation>
    </message>
    <message>
        <source>Login &amp;method:</source>
        <translation>Anmelde&amp;verfahren:</translation>
    </message>
    <message>
        <source>The best the server offers</source>
        <translation>Das beste, das der Server anbietet</translation>
    </message>
    <message>
        <source>Trust only a certificate I checked myself (advanced)</source>
        <translation>Nur einem Zertifikat vertrauen, das ich selbst geprüft habe (für Fortgeschrittene)</translation>
    </message>
    <message>
        <source>Not needed normally: the wizard reads the server&apos;s certificate over SSH and trusts it when the server presents that same one. Paste a SHA-256 fingerprint here only to accept exactly that certificate.</source>
        <translation>Normalerweise nicht nötig: Der Assistent liest das Zertifikat des Servers per SSH und vertraut ihm, wenn der Server genau dieses vorlegt. Fügen Sie hier nur dann einen SHA-256-Fingerabdruck ein, wenn genau dieses Zertifikat angenommen werden soll.</translation>
    </message>
    <message>
        <source>&amp;Fingerprint:</source>
        <translation>&amp;Fingerabdruck:</translation>
    </message>
    <message>
        <source>The server accepted the test message and logged you in with %1.</source>
        <translation>Der Server hat die Testnachricht angenommen und Sie mit %1 angemeldet.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is self-signed; the wizard checked over SSH that it is the one the server uses, so the test trusted it.</source>
        <translation>Das Zertifikat des Servers ist selbst signiert; der Assistent hat per SSH geprüft, dass es das ist, das der Server verwendet, deshalb hat der Test ihm vertraut.</translation>
    </message>
    <message>
        <source>The wizard checked over SSH that the certificate presented is the one the server uses.</source>
        <translation>Der Assistent hat per SSH geprüft, dass das vorgelegte Zertifikat das ist, das der Server verwendet.</translation>
    </message>
    <message>
        <source>The server has passed the message on to the recipient&apos;s mail server.</source>
        <translation>Der Server hat die Nachricht an den Mailserver des Empfängers weitergegeben.</translation>
    </message>
    <message>
        <source>The server could not deliver the message and returns it to the sender. Reason given: %1</source>
        <translation>Der Server konnte die Nachricht nicht zustellen und schickt sie an den Absender zurück. Angegebener Grund: %1</translation>
    </message>
    <message>
        <source>The server could not pass the message on yet and keeps trying for a few days. The relay works; the delay comes from the recipient&apos;s domain or the server&apos;s own connection to the internet. Reason given: %1</source>
        <translation>Der Server konnte die Nachricht noch nicht weitergeben und versucht es einige Tage lang weiter. Das Relay funktioniert; die Verzögerung liegt an der Domain des Empfängers oder an der Internetverbindung des Servers selbst. Angegebener Grund: %1</translation>
    </message>
    <message>
        <source>The message is waiting in the server&apos;s queue to be passed on; that is normal for a short while.</source>
        <translation>Die Nachricht wartet in der Warteschlange des Servers auf die Weitergabe; für kurze Zeit ist das normal.</translation>
    </message>
    <message>
        <source>The server&apos;s mail log shows the message: %1</source>
        <translation>Das Mailprotokoll des Servers zeigt die Nachricht: %1</translation>
    </message>
    <message>
        <source>The wizard did not find the message in the server&apos;s queue or mail log.</source>
        <translation>Der Assistent hat die Nachricht weder in der Warteschlange noch im Mailprotokoll des Servers gefunden.</translation>
    </message>
    <message>
        <source>S&amp;end test message</source>
        <translation>Test&amp;nachricht senden</translation>
    </message>
    <message>
        <source>Run the open-relay a&amp;udit</source>
        <translation>Open-Relay-Prüfung &amp;ausführen</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Gesprächsverlauf</translation>
    </message>
    <message>
        <source>Sending...</source>
        <translation>Wird gesendet...</translation>
    </message>
    <message>
        <source>Auditing...</source>
        <translation>Wird geprüft...</translation>
    </message>
</context>
<context>
    <name>Tricks</name>
    <message>
        <source>empty sender (a bounce)</source>
        <translation>leerer Absender (eine Unzustellbarkeitsnachricht)</translation>
    </message>
    <message>
        <source>sender and recipient both elsewhere</source>
        <translation>Absender und Empfänger beide anderswo</translation>
    </message>
    <message>
        <source>sender forged with the server&apos;s name</source>
        <translation>Absender mit dem Namen des Servers gefälscht</translation>
    </message>
    <message>
        <source>sender forged with the server&apos;s IP literal</source>
        <translation>Absender mit dem IP-Literal des Servers gefälscht</translation>
    </message>
    <message>
        <source>percent hack routed through the IP literal</source>
        <translation>Prozent-Trick über das IP-Literal geleitet</translation>
    </message>
    <message>
        <source>percent hack routed through the server&apos;s name</source>
        <translation>Prozent-Trick über den Namen des Servers geleitet</translation>
    </message>
    <message>
        <source>the whole address as a quoted local part</source>
        <translation>die ganze Adresse als Local Part in Anführungszeichen</translation>
    </message>
    <message>
        <source>quoted local part with the percent hack</source>
        <translation>Local Part in Anführungszeichen mit dem Prozent-Trick</translation>
    </message>
    <message>
        <source>two domains, the last the IP literal</source>
        <translation>zwei Domains, die letzte das IP-Literal</translation>
    </message>
    <message>
        <source>quoted remote address at the IP literal</source>
        <translation>fremde Adresse in Anführungszeichen beim IP-Literal</translation>
    </message>
    <message>
        <source>two domains, the last the server&apos;s name</source>
        <translation>zwei Domains, die letzte der Name des Servers</translation>
    </message>
    <message>
        <source>source route through the IP literal</source>
        <translation>Source-Route über das IP-Literal</translation>
    </message>
    <message>
        <source>source route through the server&apos;s name</source>
        <translation>Source-Route über den Namen des Servers</translation>
    </message>
    <message>
        <source>UUCP bang path</source>
        <translation>UUCP-Bang-Pfad</translation>
    </message>
    <message>
        <source>bang path at the IP literal</source>
        <translation>Bang-Pfad beim IP-Literal</translation>
    </message>
    <message>
        <source>bang path at the server&apos;s name</source>
        <translation>Bang-Pfad beim Namen des Servers</translation>
    </message>
    <message>
        <source>quoted remote address at the server&apos;s name</source>
        <translation>fremde Adresse in Anführungszeichen beim Namen des Servers</translation>
    </message>
    <message>
        <source>source route through both of the server&apos;s names</source>
        <translation>Source-Route über beide Namen des Servers</translation>
    </message>
    <message>
        <source>percent hack twice through the server&apos;s name</source>
        <translation>Prozent-Trick zweimal über den Namen des Servers</translation>
    </message>
    <message>
        <source>recipient domain with a trailing dot</source>
        <translation>Empfängerdomain mit einem Punkt am Ende</translation>
    </message>
    <message>
        <source>sender in the recipient&apos;s own domain</source>
        <translation>Absender in der Domain des Empfängers</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <source>sendmail&apos;s canonical name</source>
        <translation>kanonischer Name von sendmail</translation>
    </message>
    <message>
        <source>Postfix&apos;s smtpd_sasl_local_domain</source>
        <translation>smtpd_sasl_local_domain von Postfix</translation>
    </message>
    <message>
        <source>Postfix&apos;s myhostname</source>
        <translation>myhostname von Postfix</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Realm</source>
        <translation>Realm</translation>
    </message>
    <message>
        <source>Mail accounts</source>
        <translation>Mailkonten</translation>
    </message>
    <message>
        <source>&amp;Add...</source>
        <translation>&amp;Hinzufügen...</translation>
    </message>
    <message>
        <source>Add staff from a &amp;list...</source>
        <translation>Aus einer &amp;Liste...</translation>
    </message>
    <message>
        <source>Make an account for each person on a list, with a handout for each</source>
        <translation>Für jede Person einer Liste ein Konto anlegen, mit einem Merkblatt für jede</translation>
    </message>
    <message>
        <source>Change &amp;password...</source>
        <translation>&amp;Passwort ändern...</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>C&amp;opy password</source>
        <translation>Passwort k&amp;opieren</translation>
    </message>
    <message>
        <source>Undo the last appl&amp;y...</source>
        <translation>Änderung zurück&amp;nehmen...</translation>
    </message>
    <message>
        <source>Restore the files the last apply changed, byte for byte, and reload the mail server</source>
        <translation>Die Dateien, die die letzte Änderung geändert hat, Byte für Byte wiederherstellen und den Mailserver neu laden</translation>
    </message>
    <message>
        <source>Save new passwords in the &amp;keyring</source>
        <translation>Neue Passwörter im &amp;Schlüsselbund speichern</translation>
    </message>
    <message>
        <source>Undo the last apply on this server? Its files are restored as they were.</source>
        <translation>Die letzte Änderung auf diesem Server rückgängig machen? Seine Dateien werden wiederhergestellt, wie sie waren.</translation>
    </message>
    <message>
        <source>Rolling back...</source>
        <translation>Wird zurückgenommen...</translation>
    </message>
    <message>
        <source>Nothing to undo: no apply is recorded on this server.</source>
        <translation>Nichts rückgängig zu machen: Auf diesem Server ist keine Änderung verzeichnet.</translation>
    </message>
    <message>
        <source>Rolled back: Postfix is back to the configuration it had before the last apply. Staff can no longer send through the server the way that apply allowed; their mail accounts still exist, so applying again lets them send again.</source>
        <translation>Zurückgesetzt: Postfix hat wieder die Konfiguration von vor dem letzten Anwenden. Die Mitarbeiter können nicht mehr so über den Server senden, wie es dieses Anwenden erlaubt hatte; ihre Mailkonten bestehen weiter, daher können sie nach erneutem Anwenden wieder senden.</translation>
    </message>
    <message>
        <source>Rolled back: sendmail is back to the configuration it had before the last apply. Staff can no longer send through the server the way that apply allowed; their mail accounts still exist, so applying again lets them send again.</source>
        <translation>Zurückgesetzt: sendmail hat wieder die Konfiguration von vor dem letzten Anwenden. Die Mitarbeiter können nicht mehr so über den Server senden, wie es dieses Anwenden erlaubt hatte; ihre Mailkonten bestehen weiter, daher können sie nach erneutem Anwenden wieder senden.</translation>
    </message>
    <message>
        <source>Save new passwords: not possible, this computer has no keyring</source>
        <translation>Neue Passwörter speichern: nicht möglich, dieser Computer hat keinen Schlüsselbund</translation>
    </message>
    <message>
        <source>Adding %1...</source>
        <translation>%1 wird hinzugefügt...</translation>
    </message>
    <message>
        <source>Choose an account in the table first.</source>
        <translation>Wählen Sie zuerst ein Konto in der Tabelle.</translation>
    </message>
    <message>
        <source>Remove the mail account %1?</source>
        <translation>Das Mailkonto %1 entfernen?</translation>
    </message>
    <message>
        <source>%1 is ready.</source>
        <translation>%1 ist bereit.</translation>
    </message>
    <message>
        <source>Password saved in %1.</source>
        <translation>Passwort gespeichert in %1.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>1. Connect to the server over SSH and check what is there.
2. Show every change before making it, make it, prove it from outside, undo it by itself if anything fails.
3. Create mail accounts, send a test message, hand staff their settings.</source>
        <translation>1. Per SSH mit dem Server verbinden und prüfen, was dort ist.
2. Jede Änderung vorher zeigen, sie vornehmen, von außen nachweisen und bei einem Fehler von selbst rückgängig machen.
3. Mailkonten anlegen, eine Testnachricht senden, den Mitarbeitern ihre Einstellungen geben.</translation>
    </message>
    <message>
        <source>Relay Wizard works with sendmail and Postfix: it finds out which one the server runs and says so after connecting.</source>
        <translation>Relay Wizard arbeitet mit sendmail und Postfix: Es findet heraus, welcher der beiden auf dem Server läuft, und sagt es nach dem Verbinden.</translation>
    </message>
    <message>
        <source>Set up a ne&amp;w server</source>
        <translation>&amp;Neuen Server einrichten</translation>
    </message>
    <message>
        <source>Open a &amp;saved server</source>
        <translation>&amp;Gespeicherten Server öffnen</translation>
    </message>
    <message>
        <source>Saved servers</source>
        <translation>Gespeicherte Server</translation>
    </message>
    <message>
        <source>All ser&amp;vers...</source>
        <translation>&amp;Alle Server...</translation>
    </message>
    <message>
        <source>A test send or the open-relay audit on every saved server, one summary</source>
        <translation>Eine Testnachricht oder die Open-Relay-Prüfung auf jedem gespeicherten Server, eine Zusammenfassung</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>No saved servers yet. Each server you connect to is kept here (without its passwords), so that you can open it again later.</source>
        <translation>Noch keine gespeicherten Server. Jeder Server, mit dem Sie sich verbinden, wird hier aufbewahrt (ohne seine Passwörter), damit Sie ihn später wieder öffnen können.</translation>
    </message>
</context>
</TS>
