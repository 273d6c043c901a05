// Loaded synchronously at the top of <body>, before anything is drawn: GOV.UK Frontend's
// styles for components that JavaScript enhances key off these classes. A file, not an
// inline script, so the Content Security Policy allows only scripts from this site.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
