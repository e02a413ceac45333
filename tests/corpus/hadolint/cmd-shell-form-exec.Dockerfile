FROM nginx:1.27
CMD exec nginx -g 'daemon off;'
