FROM alpine:3.20
RUN <<'EOF'
echo $NOT_EXPANDED
EOF
RUN <<"END"
echo hi
END
