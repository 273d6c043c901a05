// Starts every GOV.UK Frontend component on the page (a module, so browsers that cannot
// run GOV.UK Frontend skip it). Static files keep their folder structure, so the library
// sits at this relative path however STATIC_URL is set.
import { initAll } from "../govuk-frontend/dist/govuk/govuk-frontend.min.js";

initAll();
