-- GDPR: nobody is subscribed until they opt in again.
UPDATE `users` SET `newsletter` = 0;
