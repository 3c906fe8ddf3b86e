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
        <source>Let staff send mail through your sendmail server from anywhere, safely.</source>
        <translation>Lassen Sie Ihre Mitarbeiter von überall sicher Mail über Ihren sendmail-Server versenden.</translation>
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
        <source>Every file change and command, before anything is written. Apply is the point of no return; a failure rolls back by itself.</source>
        <translation>Jede Dateiänderung und jeder Befehl, bevor etwas geschrieben wird. Mit „Anwenden“ gibt es kein Zurück; ein Fehler wird von selbst rückgängig gemacht.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Anwenden</translation>
    </message>
    <message>
        <source>Backing up, writing, rebuilding, reloading, verifying from outside.</source>
        <translation>Sichern, schreiben, neu erstellen, neu laden, von außen prüfen.</translation>
    </message>
    <message>
        <source>Mail accounts</source>
        <translation>Mailkonten</translation>
    </message>
    <message>
        <source>The accounts staff log in with (SASL users in sendmail&apos;s realm).</source>
        <translation>Die Konten, mit denen sich die Mitarbeiter anmelden (SASL-Benutzer im Realm von sendmail).</translation>
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
        <source>What was changed and verified.</source>
        <translation>Was geändert und geprüft wurde.</translation>
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
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>S&amp;top and roll back</source>
        <translation>Anha&amp;lten und zurücknehmen</translation>
    </message>
    <message>
        <source>Cancelling: the server will be rolled back.</source>
        <translation>Abbruch: Der Server wird auf den vorigen Stand zurückgesetzt.</translation>
    </message>
    <message>
        <source>Applied and verified from outside. Journal %1 on the server.</source>
        <translation>Angewendet und von außen geprüft. Journal %1 auf dem Server.</translation>
    </message>
    <message>
        <source>Nothing to do: the server already had this configuration.</source>
        <translation>Nichts zu tun: Der Server hatte diese Konfiguration schon.</translation>
    </message>
    <message>
        <source>rollback: </source>
        <translation>Zurücknahme: </translation>
    </message>
    <message>
        <source>Where the server stands: as it was before (if the rollback above is ok).</source>
        <translation>Stand des Servers: wie vorher (wenn die Zurücknahme oben in Ordnung ist).</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Finding</source>
        <translation>Befund</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Befunde</translation>
    </message>
    <message>
        <source>Reading the server...</source>
        <translation>Der Server wird gelesen...</translation>
    </message>
    <message>
        <source>%1, sendmail %2, realm %3.</source>
        <translation>%1, sendmail %2, Realm %3.</translation>
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
        <source>Private key</source>
        <translation>Privater Schlüssel</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Verbindung zu %1 wird hergestellt...</translation>
    </message>
    <message>
        <source>Connected to %1 (%2).</source>
        <translation>Verbunden mit %1 (%2).</translation>
    </message>
    <message>
        <source>The server&apos;s key was not accepted: not connected.</source>
        <translation>Der Schlüssel des Servers wurde nicht angenommen: nicht verbunden.</translation>
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
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>&amp;Save as HTML report...</source>
        <translation>Als HTML-Bericht &amp;speichern...</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Bericht speichern</translation>
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
    <name>Page</name>
    <message>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
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
    <name>ReviewPage</name>
    <message>
        <source>Planned changes</source>
        <translation>Geplante Änderungen</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Anwenden</translation>
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
        <source>&amp;Modern (recommended): encrypted, port 587</source>
        <translation>&amp;Modern (empfohlen): verschlüsselt, Port 587</translation>
    </message>
    <message>
        <source>&amp;Classic: port 25, DIGEST-MD5 and CRAM-MD5, as the old recipe</source>
        <translation>&amp;Klassisch: Port 25, DIGEST-MD5 und CRAM-MD5, wie im alten Rezept</translation>
    </message>
    <message>
        <source>STARTTLS with the server&apos;s certificate, the submission port 587 with login required, passwords only inside encryption.</source>
        <translation>STARTTLS mit dem Zertifikat des Servers, der Einlieferungsport 587 mit Anmeldepflicht, Passwörter nur innerhalb der Verschlüsselung.</translation>
    </message>
    <message>
        <source>Mechanisms</source>
        <translation>Anmeldeverfahren</translation>
    </message>
    <message>
        <source>How a mail program proves who it is (SMTP AUTH).</source>
        <translation>Wie ein Mailprogramm nachweist, wer es ist (SMTP AUTH).</translation>
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
        <source>Also open port &amp;25 to the network</source>
        <translation>Port &amp;25 auch zum Netz öffnen</translation>
    </message>
    <message>
        <source>Also offer &amp;implicit TLS on port 465</source>
        <translation>Auch &amp;implizites TLS auf Port 465 anbieten</translation>
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
        <source>Checks</source>
        <translation>Prüfungen</translation>
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
        <source>It names %1, not the name used here: staff must enter %1 as the server&apos;s name, or their mail program will warn that the name does not match.</source>
        <translation>Es nennt %1, nicht den hier verwendeten Namen: Die Mitarbeiter müssen %1 als Namen des Servers eintragen, sonst warnt ihr Mailprogramm, dass der Name nicht passt.</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>%1 behalten</translation>
    </message>
    <message>
        <source>Nothing to change: the server already has this.</source>
        <translation>Nichts zu ändern: Der Server hat das schon.</translation>
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
        <source>&amp;Mechanism:</source>
        <translation>&amp;Verfahren:</translation>
    </message>
    <message>
        <source>Empty: the best the server offers</source>
        <translation>Leer: das beste, das der Server anbietet</translation>
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
        <translation>Letzte Änderung &amp;rückgängig machen...</translation>
    </message>
    <message>
        <source>Restore the files the last apply changed, byte for byte, and reload sendmail</source>
        <translation>Die Dateien, die die letzte Änderung geändert hat, Byte für Byte wiederherstellen und sendmail neu laden</translation>
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
        <source>Rolled back: %1</source>
        <translation>Zurückgenommen: %1</translation>
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
2. Show every change as a diff, apply it, prove it from outside, undo it by itself if anything fails.
3. Create mail accounts, send a test message, hand staff their settings.</source>
        <translation>1. Per SSH mit dem Server verbinden und prüfen, was dort ist.
2. Jede Änderung als Vergleich zeigen, anwenden, von außen nachweisen und bei einem Fehler von selbst rückgängig machen.
3. Mailkonten anlegen, eine Testnachricht senden, den Mitarbeitern ihre Einstellungen geben.</translation>
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
</context>
</TS>
