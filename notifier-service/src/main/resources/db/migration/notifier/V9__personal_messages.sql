-- Messages to a person about their own setup (a verification code, a test page, an invitation) are about no incident.
alter table notification alter column incident_id drop not null;
